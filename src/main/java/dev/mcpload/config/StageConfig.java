package dev.mcpload.config;

/**
 * One {@code [[stage]]}: ramp linearly to {@code targetVus} over {@code durationSecs}.
 *
 * @param line the line of its {@code target_vus}, for messages about that number (0 when built in code)
 */
public record StageConfig(int targetVus, int durationSecs, int line) {
}
