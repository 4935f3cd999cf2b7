package dev.mcpload.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C handling: the JVM's shutdown hook asks the running test to stop, then waits (bounded) until the
 * summary and report of what was measured are written, so an interrupted run never loses its results.
 */
final class Shutdown {
    private static volatile boolean inProgress;

    private Shutdown() {
    }

    static boolean inProgress() {
        return inProgress;
    }

    /** Installs a hook that runs {@code stop} and waits for {@code done} up to {@code maxWaitMs}. */
    static Thread onInterrupt(Runnable stop, CountDownLatch done, long maxWaitMs) {
        Thread hook = new Thread(() -> {
            inProgress = true;
            stop.run();
            try {
                done.await(maxWaitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mcpload-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }
}
