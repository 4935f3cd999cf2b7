package dev.mcpload.config;

/** One {@code [[stage]]}: ramp linearly to {@code targetVus} over {@code durationSecs}. */
public record StageConfig(int targetVus, int durationSecs, int line) {
}
