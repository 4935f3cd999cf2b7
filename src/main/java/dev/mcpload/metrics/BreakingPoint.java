package dev.mcpload.metrics;

/**
 * Where the server started to break: the VU count and time of detection, and why.
 *
 * @param reason    {@code error_rate_spike} or {@code latency_degradation}
 * @param elapsedMs ms since the test started
 * @param timestamp ISO-8601 UTC wall-clock time of detection
 */
public record BreakingPoint(int vus, String reason, String detail, long elapsedMs, String timestamp) {
    public String describe() {
        return "Breaking point detected at " + vus + (vus == 1 ? " VU (" : " VUs (") + reason + ": " + detail + ")";
    }
}
