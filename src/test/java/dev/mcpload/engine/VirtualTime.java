package dev.mcpload.engine;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Virtual time for the engine's tests: one clock and one task loop on the test's own thread. Time stands still
 * while tasks run and moves only when the engine waits ({@link #parkNanos}): then every task due before the wake-up
 * runs in time order (ties in the order they were scheduled), each seeing the clock at its own due time. A whole
 * schedule of minutes runs in milliseconds, and the same test gives the same numbers every time.
 */
final class VirtualTime implements Clock, TaskLoop {
    /** A test that schedules more tasks than this has a loop that never ends. */
    private static final long MAX_TASKS = 20_000_000;
    private static final long EPOCH_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, for interval labels

    private record Task(long dueNanos, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.seq, b.seq));
    // Starts well above zero, as System.nanoTime may: nothing may take 0 for "not started".
    private long now = TimeUnit.SECONDS.toNanos(1_000);
    private long seq;
    private long ran;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long wallClockMs() {
        return EPOCH_MS + now / 1_000_000;
    }

    @Override
    public void parkNanos(long nanos) {
        runUntil(now + Math.max(0, nanos));
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0);
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        queue.add(new Task(now + Math.max(0, delayNanos), seq++, task));
    }

    /** Milliseconds since the clock was made (for test code scheduling things at a time). */
    long elapsedMs() {
        return (now - TimeUnit.SECONDS.toNanos(1_000)) / 1_000_000;
    }

    /** Runs {@code task} at {@code ms} on this clock (for faults switched on mid-run). */
    void at(long ms, Runnable task) {
        long due = TimeUnit.SECONDS.toNanos(1_000) + TimeUnit.MILLISECONDS.toNanos(ms);
        queue.add(new Task(Math.max(now, due), seq++, task));
    }

    /** Runs every task due by {@code until}, then sets the clock to it. */
    void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().dueNanos <= until) {
            Task t = queue.poll();
            now = Math.max(now, t.dueNanos);
            if (++ran > MAX_TASKS) {
                throw new IllegalStateException("more than " + MAX_TASKS + " tasks: a loop that never ends?");
            }
            t.run.run();
        }
        now = Math.max(now, until);
    }

    /** Runs what is due now (tasks that were executed without a delay). */
    void drain() {
        runUntil(now);
    }
}
