package dev.mcpload.engine;

import dev.mcpload.engine.executor.Arrivals;
import dev.mcpload.engine.executor.OpenExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open model: every arrival of the executor's schedule starts an iteration at its time on a free VU of a pool,
 * whatever the server does. The engine's loop wakes at each arrival's time ({@link #nextWakeNanos}; parking, never
 * spinning) and dispatches what is due — not a Netty timer, whose select timeout rounds up to whole milliseconds and
 * would add up to 1 ms of the generator's own lateness to every iteration timed from its intended start. Dense
 * arrivals are dispatched together, as many as are due at each wake. At its time an arrival takes a free VU (the pool is opened before the first
 * arrival, {@code pre_allocated_vus}); when none is free it is dropped — counted, never queued, as in k6 — and the
 * pool grows by one VU for later arrivals, up to {@code max_vus}. The iteration is timed from its arrival time,
 * so a stalled server shows its whole cost (wrk2's intended start). An iteration is one choice of the mix on a
 * held session, or a whole session ({@link OpenExecutor#sessionPerIteration}).
 */
final class OpenModel implements LoadModel {
    private static final long WAKE_MS = 50;

    private final OpenExecutor executor;
    private final Plan plan;
    private final EngineParts parts;
    private final AtomicLong budget;
    private final Arrivals arrivals;
    private long startNanos;
    private final ConcurrentLinkedQueue<VirtualUser> free = new ConcurrentLinkedQueue<>();
    private final List<VirtualUser> pool = new ArrayList<>();
    private final AtomicLong busy = new AtomicLong();
    private long nextArrival;
    private volatile boolean retired;

    OpenModel(OpenExecutor executor, Plan plan, EngineParts parts, AtomicLong budget) {
        this.executor = executor;
        this.plan = plan;
        this.parts = parts;
        this.budget = budget;
        this.arrivals = executor.arrivals();
        this.nextArrival = arrivals.nextNanos();
    }

    /**
     * Opens the pre-allocated pool before the run's clock starts (k6 initializes them before the test), so the
     * first arrivals are not dropped only because their sessions were still opening.
     */
    @Override
    public void prepare() {
        for (int i = 0; i < executor.preAllocatedVus(); i++) {
            grow();
        }
    }

    @Override
    public boolean ready() {
        return activeVus() >= executor.preAllocatedVus();
    }

    @Override
    public void start(long runStartNanos) {
        startNanos = runStartNanos;
    }

    /** Dispatches every arrival that is due. */
    @Override
    public void tick(long elapsedMs) {
        long now = parts.clock().nanoTime() - startNanos;
        while (nextArrival != Arrivals.END && nextArrival <= now && !retired) {
            arrive(startNanos + nextArrival);
            nextArrival = arrivals.nextNanos();
        }
    }

    @Override
    public long nextWakeNanos() {
        return nextArrival == Arrivals.END ? Long.MAX_VALUE : startNanos + nextArrival;
    }

    /** On the engine's loop, at (or just after) the arrival's time. */
    private void arrive(long intendedNanos) {
        if (retired || (budget != null && budget.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0)) {
            return;
        }
        VirtualUser vu = free.poll();
        if (vu == null) {
            parts.metrics().iterationDropped();
            grow();
            return;
        }
        busy.incrementAndGet();
        vu.runIteration(intendedNanos);
    }

    /** On the VU's loop: after its session opened, or after an iteration (then it was busy until now). */
    private void free(VirtualUser vu, boolean afterIteration) {
        if (afterIteration) {
            busy.decrementAndGet();
        }
        if (vu.isActive() && !retired) {
            free.add(vu);
        }
    }

    private void grow() {
        VirtualUser vu;
        synchronized (this) {
            if (pool.size() >= executor.maxVus() || retired) {
                return;
            }
            vu = new VirtualUser(pool.size() + 1, plan, parts, budget, this::free, executor.sessionPerIteration());
            pool.add(vu);
        }
        vu.start();
    }

    @Override
    public long quietMsAfter(long elapsedMs) {
        return WAKE_MS;
    }

    /** The pool's size: the VUs the schedule has needed so far. */
    @Override
    public synchronized int targetAt(long elapsedMs) {
        return pool.size();
    }

    @Override
    public synchronized int activeVus() {
        int n = 0;
        for (VirtualUser vu : pool) {
            if (vu.isActive()) {
                n++;
            }
        }
        return n;
    }

    /** No iteration is in flight (with the budget used up, the run is over). */
    @Override
    public boolean allFinished() {
        return busy.get() == 0;
    }

    @Override
    public void retireAll(long elapsedMs) {
        retired = true;
        free.clear();
        for (VirtualUser vu : all()) {
            vu.stop();
        }
    }

    @Override
    public synchronized List<VirtualUser> all() {
        return new ArrayList<>(pool);
    }
}
