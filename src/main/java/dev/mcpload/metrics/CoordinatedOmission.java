package dev.mcpload.metrics;

import org.HdrHistogram.Histogram;

/**
 * How the requests a stall hid are added back (coordinated-omission correction, closed model). A virtual user
 * sends its next request only when the previous one is answered, so while the server stalls it sends nothing,
 * and the requests it would have sent never appear in the raw histogram. For a request that took {@code v},
 * HdrHistogram adds the hidden ones it would have sent every {@code I} during that time, at {@code v - I},
 * {@code v - 2I}, ... down to {@code I}.
 *
 * <p>Everything depends on {@code I}, "how often this user sends when nothing stalls". A fixed guess is wrong in
 * both directions: 100 ms for a tool that always takes 300 ms invents fill-ins of 200 and 100 ms, faster than
 * anything a client saw (p50 207 ms against a raw 307 ms). So {@code I} is derived per key from its own normal
 * cycle: the think time plus the key's median latency so far. A request no slower than twice its normal cycle
 * hid nothing; only a real stall adds fill-ins, and every fill-in is at least the median. An explicit
 * {@code expected_interval_ms} is a floor on {@code I} (fewer fill-ins), never below the normal cycle.
 *
 * <p>The correction runs when an interval closes, from that interval's raw histogram, not on the hot path.
 * Fill-ins are what the hidden requests would have seen, so for a latency distribution with several modes they
 * can sit below a high raw percentile; {@link CorrectedLatency} therefore never reports a corrected percentile
 * below the raw one.
 *
 * @param enabled      false: the corrected histogram is the raw one ({@code expected_interval_ms = 0})
 * @param floorMicros  the smallest interval to use (0 = derived only)
 * @param thinkMicros  the pause of each virtual user between two requests
 */
public record CoordinatedOmission(boolean enabled, long floorMicros, long thinkMicros) {
    public CoordinatedOmission {
        if (floorMicros < 0 || thinkMicros < 0) {
            throw new IllegalArgumentException("floor and think time must be >= 0");
        }
    }

    public static CoordinatedOmission off() {
        return new CoordinatedOmission(false, 0, 0);
    }

    /** Derived from each key's normal cycle, never below {@code floorMicros}. */
    public static CoordinatedOmission derived(long floorMicros, long thinkMicros) {
        return new CoordinatedOmission(true, floorMicros, thinkMicros);
    }

    /** The interval for a key whose raw latencies so far are {@code keyRaw}: 0 when nothing is known yet. */
    public long intervalMicros(Histogram keyRaw) {
        if (!enabled || keyRaw.getTotalCount() == 0) {
            return 0;
        }
        long median = keyRaw.getValueAtPercentile(50);
        return Math.max(floorMicros, thinkMicros + median);
    }

    /**
     * Writes into {@code target} (reset first) one interval's raw latencies plus the requests they hid, with the
     * interval derived from {@code keyRaw} (the key's raw latencies so far, this interval included).
     */
    public Histogram correct(Histogram intervalRaw, Histogram keyRaw, Histogram target) {
        Histogram out = target != null ? target : Latencies.newHistogram();
        out.reset();
        long interval = intervalMicros(keyRaw);
        if (interval > 0) {
            out.addWhileCorrectingForCoordinatedOmission(intervalRaw, interval);
        } else {
            out.add(intervalRaw);
        }
        return out;
    }

    /** For the report: how the interval was chosen. */
    public String describe() {
        if (!enabled) {
            return "off";
        }
        return floorMicros > 0 ? "derived (floor " + floorMicros / 1000 + " ms)" : "derived";
    }
}
