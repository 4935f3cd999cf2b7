package dev.mcpload.metrics;

import java.util.Locale;

/** Human formatting of latencies: sub-millisecond values keep their precision. */
public final class Durations {
    private Durations() {
    }

    /**
     * A percentile of an interval, or "–" when nothing succeeded in it: an empty histogram's 0 would read as a
     * server that answered in no time.
     */
    public static String ms(double ms, long successes) {
        return successes == 0 ? "–" : ms(ms);
    }

    /** 0.153ms, 1.25ms, 12.3ms, 120ms, 1.25s. */
    public static String ms(double ms) {
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000);
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2fs", ms / 1000);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0fms", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1fms", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2fms", ms);
        }
        return String.format(Locale.ROOT, "%.3fms", ms);
    }
}
