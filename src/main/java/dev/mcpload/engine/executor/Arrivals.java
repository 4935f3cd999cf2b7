package dev.mcpload.engine.executor;

/** The arrival times of an open schedule, in order: offsets from the start of the run. Not thread-safe. */
public interface Arrivals {
    /** Returned when the schedule has no more arrivals. */
    long END = Long.MAX_VALUE;

    /** The next arrival's offset from the start in nanoseconds, or {@link #END}. */
    long nextNanos();
}
