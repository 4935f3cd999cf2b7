package dev.mcpload.engine.executor;

/**
 * A closed-model schedule: how many virtual users should be running at each moment of the test. The engine
 * asks it often and starts or stops VUs (the most recent first) to match; executors differ only in the shape
 * of that curve. Immutable.
 */
public interface Executor {
    /** VUs wanted at {@code elapsedMs} after the start. */
    int targetAt(long elapsedMs);

    /** The total length of the schedule. */
    long durationMs();

    /** 1-based stage at {@code elapsedMs}, or 0 for executors without stages. */
    default int stageAt(long elapsedMs) {
        return 0;
    }

    /** Number of stages (0 without stages). */
    default int stageCount() {
        return 0;
    }

    /**
     * How long the engine may sleep after {@code elapsedMs} before the target can change, so its clock wakes
     * only as often as the schedule needs (a flat load needs it at the end only).
     */
    default long quietMsAfter(long elapsedMs) {
        return Math.max(1, durationMs() - elapsedMs);
    }

    /** The most VUs this schedule ever asks for. */
    int maxVus();

    /** k6-style name, for reports. */
    String name();
}
