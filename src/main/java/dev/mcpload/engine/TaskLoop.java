package dev.mcpload.engine;

/**
 * The single thread a VU lives on: its session's event loop in a run, the virtual clock in tests. A VU's state
 * is touched only from tasks on its loop, so it needs no locks.
 */
public interface TaskLoop {
    /** Runs {@code task} soon, on this loop. */
    void execute(Runnable task);

    /** Runs {@code task} on this loop after {@code delayNanos}. */
    void schedule(Runnable task, long delayNanos);
}
