package dev.mcpload.engine;

import java.util.SplittableRandom;

/** A whole number drawn uniformly from {@code [min, max]} per use (calls per session, arrival jitter). */
public record Range(long min, long max) {
    public static final Range ZERO = new Range(0, 0);

    public Range {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("a range needs 0 <= min <= max, got [" + min + ", " + max + "]");
        }
    }

    public static Range of(long value) {
        return new Range(value, value);
    }

    public long pick(SplittableRandom random) {
        return min == max ? min : random.nextLong(min, max + 1);
    }

    public boolean isZero() {
        return max == 0;
    }

    public String describe() {
        return min == max ? Long.toString(min) : "[" + min + ", " + max + "]";
    }
}
