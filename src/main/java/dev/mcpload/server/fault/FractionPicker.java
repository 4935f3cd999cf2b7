package dev.mcpload.server.fault;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which requests a fault hits: about {@code fraction} of them, spread pseudo-randomly but reproducibly.
 * The n-th call's answer depends only on the seed and n (a SplitMix64 hash), not on timing or threads, so a test
 * that sends the same number of requests sees the same number of faults, run after run. A plain "every k-th"
 * pattern would be reproducible too, but would alias with round-robin clients (one VU getting every fault).
 */
public final class FractionPicker {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final double fraction;
    private final long seed;
    private final AtomicLong calls = new AtomicLong();

    public FractionPicker(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        this.fraction = fraction;
        this.seed = seed;
    }

    /** Whether the next request is hit. Thread-safe. */
    public boolean next() {
        if (fraction >= 1) {
            return true;
        }
        long n = calls.getAndIncrement();
        return unit(mix(seed + n * GOLDEN)) < fraction;
    }

    /** How many requests were asked about. */
    public long calls() {
        return calls.get();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits as a double in [0, 1). */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
