package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.Map;

/**
 * The figures of one interval (2 s by default), never cumulative: what the time series, the breaking-point
 * detector and the live display read. Latencies are of successful requests, in milliseconds, corrected for
 * coordinated omission and never below the raw ones ({@code rawP99Ms} is the uncorrected P99). Counts cover every
 * request sent, failed session setups included ({@code setupErrors} of the {@code errors} were {@code initialize}).
 *
 * @param index       0-based interval number
 * @param startMs     interval start, ms since the test started
 * @param endMs       interval end, ms since the test started
 * @param wallClockMs the interval's end as epoch milliseconds (labels only)
 * @param vus         virtual users running at the end of the interval
 * @param targetVus   what the schedule asked for at that moment
 * @param stage       1-based stage, or 0 without stages
 * @param droppedIterations open-model iterations that found no free VU (never sent: not requests)
 */
public record Sample(int index, long startMs, long endMs, long wallClockMs, int vus, int targetVus, int stage,
                     long requests, long successes, Map<ErrorClass, Long> errors, long setupErrors,
                     double p50Ms, double p95Ms, double p99Ms, double rawP99Ms, double maxMs,
                     long sessionReinits, long droppedIterations) {
    public long errorCount() {
        return requests - successes;
    }

    /**
     * Of {@link #errorCount()}, the failures that were mcpload's own ({@link ErrorClass#GENERATOR}: out of memory,
     * out of descriptors): counted as errors, never held against the server.
     */
    public long generatorErrors() {
        return errors.getOrDefault(ErrorClass.GENERATOR, 0L);
    }

    /** Errors over requests, 0..1 (0 when idle). */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errorCount() / requests;
    }

    public double throughput() {
        long span = endMs - startMs;
        return span <= 0 ? 0 : requests * 1000.0 / span;
    }
}
