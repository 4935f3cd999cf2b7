package dev.mcpload.engine.executor;

/**
 * The closed model: how many virtual users should be running at each moment of the test. The engine asks it often
 * and starts or stops VUs (the most recent first) to match; executors differ only in the shape of that curve.
 */
public interface ClosedExecutor extends Executor {
    /** VUs wanted at {@code elapsedMs} after the start. */
    int targetAt(long elapsedMs);

    /**
     * How long the engine may sleep after {@code elapsedMs} before the target can change, so its clock wakes
     * only as often as the schedule needs (a flat load needs it at the end only).
     */
    default long quietMsAfter(long elapsedMs) {
        return Math.max(1, durationMs() - elapsedMs);
    }
}
