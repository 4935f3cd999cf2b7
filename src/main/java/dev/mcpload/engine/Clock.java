package dev.mcpload.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * Where the engine and its VUs read time and where the engine's loop waits. {@link #SYSTEM} in a run; tests hand in
 * a virtual clock that advances only when the engine waits, so minutes of schedule run in milliseconds and every
 * run is the same. Latency is measured on {@link #nanoTime()} only; the wall clock only labels intervals.
 */
public interface Clock {
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallClockMs() {
            return System.currentTimeMillis();
        }

        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Milliseconds since the epoch, for labels and file names. */
    long wallClockMs();

    /** Waits about {@code nanos} (the engine's loop between ticks). */
    void parkNanos(long nanos);
}
