package dev.mcpload.engine.executor;

/**
 * A schedule of load over time, of one of two families: {@link ClosedExecutor} (how many virtual users run at each
 * moment; each sends its next request when its last one is answered) or, with issue 14's open model, when the next
 * iteration starts whatever the server does. What both share is here: length, stages, size and name. Immutable.
 */
public interface Executor {
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

    /** The most VUs this schedule ever asks for. */
    int maxVus();

    /** k6-style name, for reports. */
    String name();
}
