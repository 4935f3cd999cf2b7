package dev.mcpload.engine;

import java.util.SplittableRandom;

/**
 * The pause between an answer and a VU's next request, as real users pause: fixed ({@code request_interval_ms},
 * or {@code think_time_ms = 500}), uniform in a range ({@code think_time_ms = [1000, 5000]}) or exponential with a
 * mean ({@code think_time = "exponential"}: many short pauses, a few long ones, as arrivals of independent users).
 */
public record ThinkTime(Kind kind, long minMs, long maxMs) {
    public enum Kind { FIXED, UNIFORM, EXPONENTIAL }

    public static final ThinkTime NONE = fixed(0);

    public ThinkTime {
        if (minMs < 0 || maxMs < minMs) {
            throw new IllegalArgumentException("think time needs 0 <= min <= max, got " + minMs + ".." + maxMs);
        }
    }

    public static ThinkTime fixed(long ms) {
        return new ThinkTime(Kind.FIXED, ms, ms);
    }

    public static ThinkTime uniform(long minMs, long maxMs) {
        return new ThinkTime(Kind.UNIFORM, minMs, maxMs);
    }

    /** Exponential with mean {@code meanMs} (kept in {@code minMs} and {@code maxMs}). */
    public static ThinkTime exponential(long meanMs) {
        return new ThinkTime(Kind.EXPONENTIAL, meanMs, meanMs);
    }

    /** The next pause, drawn from the VU's own generator. */
    public long nextMs(SplittableRandom random) {
        return switch (kind) {
            case FIXED -> minMs;
            case UNIFORM -> minMs == maxMs ? minMs : random.nextLong(minMs, maxMs + 1);
            case EXPONENTIAL -> minMs == 0 ? 0 : Math.round(-minMs * Math.log(1 - random.nextDouble()));
        };
    }

    /** The shortest pause it gives: the floor of the coordinated-omission interval. */
    public long floorMs() {
        return kind == Kind.EXPONENTIAL ? 0 : minMs;
    }

    public String describe() {
        return switch (kind) {
            case FIXED -> minMs + " ms";
            case UNIFORM -> minMs + "–" + maxMs + " ms (uniform)";
            case EXPONENTIAL -> "exponential, mean " + minMs + " ms";
        };
    }
}
