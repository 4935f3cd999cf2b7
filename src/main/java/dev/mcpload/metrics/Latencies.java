package dev.mcpload.metrics;

import org.HdrHistogram.Histogram;

/** The one histogram shape mcpload uses: microseconds, 1 µs to 1 hour, 3 significant digits. */
public final class Latencies {
    public static final long LOWEST_US = 1;
    public static final long HIGHEST_US = 3_600_000_000L;
    public static final int DIGITS = 3;

    private Latencies() {
    }

    public static Histogram newHistogram() {
        return new Histogram(LOWEST_US, HIGHEST_US, DIGITS);
    }

    /** Nanoseconds to the recorded unit, clamped into the trackable range. */
    public static long toMicros(long nanos) {
        long us = (nanos + 500) / 1000;
        return Math.max(LOWEST_US, Math.min(HIGHEST_US, us));
    }

    /** A percentile in milliseconds (0 when nothing was recorded). */
    public static double percentileMs(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
