package dev.mcpload.engine;

import dev.mcpload.engine.executor.ClosedExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The closed model: keeps the number of running VUs on the executor's curve, or on a target set from outside
 * ({@link #setTarget}, for a driver such as the ceiling search), starting new VUs and stopping the most recent
 * first (LIFO, as k6 does), so the VUs that stay have held their sessions longest.
 */
final class ClosedModel implements LoadModel {
    private final ClosedExecutor executor;
    private final Plan plan;
    private final EngineParts parts;
    private final AtomicLong budget;
    private final List<VirtualUser> running = new ArrayList<>();
    private final List<VirtualUser> retired = new ArrayList<>();
    private final List<long[]> retirements = new ArrayList<>();
    private volatile int override = -1;
    private int spawned;

    ClosedModel(ClosedExecutor executor, Plan plan, EngineParts parts, AtomicLong budget) {
        this.executor = executor;
        this.plan = plan;
        this.parts = parts;
        this.budget = budget;
    }

    /** From now on, hold {@code vus} VUs whatever the executor says (until the schedule's end). */
    void setTarget(int vus) {
        if (vus < 0) {
            throw new IllegalArgumentException("target VUs must be >= 0, got " + vus);
        }
        override = vus;
    }

    @Override
    public int targetAt(long elapsedMs) {
        int o = override;
        return o >= 0 ? o : executor.targetAt(elapsedMs);
    }

    @Override
    public long quietMsAfter(long elapsedMs) {
        return override >= 0 ? Math.max(1, executor.durationMs() - elapsedMs) : executor.quietMsAfter(elapsedMs);
    }

    @Override
    public void tick(long elapsedMs) {
        adjust(targetAt(elapsedMs), elapsedMs);
    }

    @Override
    public void retireAll(long elapsedMs) {
        adjust(0, elapsedMs);
    }

    private synchronized void adjust(int target, long elapsedMs) {
        boolean budgetLeft = budget == null || budget.get() > 0;
        while (running.size() < target && budgetLeft) {
            VirtualUser vu = new VirtualUser(++spawned, plan, parts, budget);
            running.add(vu);
            vu.start();
        }
        while (running.size() > target) {
            VirtualUser vu = running.remove(running.size() - 1); // LIFO: the most recently started goes first
            vu.stop();
            retired.add(vu);
            retirements.add(new long[] {vu.index(), elapsedMs});
        }
    }

    @Override
    public synchronized int activeVus() {
        int n = 0;
        for (VirtualUser vu : running) {
            if (vu.isActive()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized boolean allFinished() {
        for (VirtualUser vu : running) {
            if (!vu.finished().isDone()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized List<VirtualUser> all() {
        List<VirtualUser> all = new ArrayList<>(running);
        all.addAll(retired);
        return all;
    }

    /** VUs stopped by the schedule, in order: {VU index (1 = first started), ms since start}. For tests. */
    synchronized List<long[]> retirements() {
        return new ArrayList<>(retirements);
    }
}
