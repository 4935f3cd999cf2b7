package dev.mcpload.engine;

import dev.mcpload.engine.executor.Executor;
import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.IntervalSampler;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import dev.mcpload.transport.McpClient;

/**
 * Runs a plan: one clock thread keeps the number of running VUs on the executor's curve (starting new ones,
 * stopping the most recent first), closes a metrics interval every {@code sampleIntervalMs}, and feeds each
 * sample to the breaking-point detector and the listeners. VUs themselves run on the client's event loops.
 * {@link #requestStop()} (Ctrl-C) ends the run early; what was measured is still returned.
 */
public final class LoadEngine implements LiveView {
    /** The clock's longest sleep: how fast a stop request or an exhausted iteration budget is noticed. */
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long INTERRUPT_GRACE_MS = 2_000;
    private static final long CLOSE_WAIT_MS = 5_000;

    private final Plan plan;
    private final McpClient client;
    private final MetricsRegistry metrics;
    private final List<IntervalListener> listeners;
    private final BreakingPointDetector detector = new BreakingPointDetector();
    private final List<Sample> samples = new ArrayList<>();
    private final List<EncodedInterval> intervals = new ArrayList<>(); // encoded: an hour is a few MB
    private final List<VirtualUser> running = new ArrayList<>();
    private final List<VirtualUser> retired = new ArrayList<>();
    private final List<long[]> retirements = new ArrayList<>();
    private final SessionGate gate;
    private volatile boolean stopRequested;
    private int spawned;
    private volatile long startNanos;

    /** What the engine hands back: the samples and the timing; the metrics stay in the registry. */
    public record Outcome(long startNanos, long elapsedMs, List<Sample> samples, List<EncodedInterval> intervals,
                          Optional<BreakingPoint> breakingPoint, IntervalSampler sampler, String stopReason,
                          int detectorWindow) {
        /** Whether the detector saw enough intervals to judge: without that, "no breaking point" means nothing. */
        public boolean breakingPointJudged() {
            return breakingPoint.isPresent() || samples.size() >= detectorWindow;
        }
    }

    public LoadEngine(Plan plan, McpClient client, MetricsRegistry metrics, List<IntervalListener> listeners) {
        this.plan = plan;
        this.client = client;
        this.metrics = metrics;
        this.listeners = List.copyOf(listeners);
        this.gate = new SessionGate(plan.maxOpeningSessions());
    }

    /** Ends the run soon: VUs finish their request in flight (briefly), close their sessions. Any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Milliseconds since the run started (0 before). For live displays. */
    @Override
    public long elapsedMs() {
        long s = startNanos;
        return s == 0 ? 0 : (System.nanoTime() - s) / 1_000_000;
    }

    /** VUs currently running (holding an initialized session, not stopping). */
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

    public Outcome run() {
        Executor executor = plan.executor();
        long start = System.nanoTime();
        startNanos = start;
        IntervalSampler sampler = new IntervalSampler(metrics, start, plan.correction());
        AtomicLong budget = plan.iterations() > 0 ? new AtomicLong(plan.iterations()) : null;
        long sampleNanos = TimeUnit.MILLISECONDS.toNanos(plan.sampleIntervalMs());
        long nextSample = start + sampleNanos;
        String stopReason = "completed";
        while (true) {
            long now = System.nanoTime();
            long elapsedMs = (now - start) / 1_000_000;
            if (stopRequested) {
                stopReason = "interrupted";
                break;
            }
            if (elapsedMs >= executor.durationMs()) {
                adjust(0, budget); // the schedule's end: retire the rest, newest first
                break;
            }
            if (budget != null && budget.get() == 0 && allFinished()) {
                stopReason = "iterations";
                break;
            }
            int target = executor.targetAt(elapsedMs);
            adjust(target, budget);
            if (now >= nextSample) {
                emit(sampler.sample(now, System.currentTimeMillis(), activeVus(), target, executor.stageAt(elapsedMs)));
                nextSample += sampleNanos;
            }
            // Sleep until the schedule can next change, the next sample, or at most 50 ms: waking more often
            // than that costs CPU the generator shares with the server (measured: ~18 µs per request at
            // 1,000 req/s with a fixed 5 ms tick).
            long quiet = TimeUnit.MILLISECONDS.toNanos(executor.quietMsAfter(elapsedMs));
            LockSupport.parkNanos(Math.max(0, Math.min(Math.min(MAX_TICK_NANOS, quiet),
                    nextSample - System.nanoTime())));
        }
        long loadEndNanos = System.nanoTime();
        stopAll("interrupted".equals(stopReason));
        long elapsedMs = (loadEndNanos - start) / 1_000_000;
        long lastElapsed = (System.nanoTime() - start) / 1_000_000;
        emit(sampler.sample(System.nanoTime(), System.currentTimeMillis(), 0, 0,
                executor.stageAt(Math.min(lastElapsed, executor.durationMs() - 1))));
        return new Outcome(start, elapsedMs, List.copyOf(samples), List.copyOf(intervals), detector.detected(), sampler,
                stopReason,
                detector.windowSize());
    }

    private synchronized void adjust(int target, AtomicLong budget) {
        boolean budgetLeft = budget == null || budget.get() > 0;
        while (running.size() < target && budgetLeft) {
            VirtualUser vu = new VirtualUser(++spawned, plan, client, metrics, budget, gate);
            running.add(vu);
            vu.start();
        }
        while (running.size() > target) {
            VirtualUser vu = running.remove(running.size() - 1); // LIFO: the most recently started goes first
            vu.stop();
            retired.add(vu);
            retirements.add(new long[] {vu.index(), (System.nanoTime() - startNanos) / 1_000_000});
        }
    }

    /** The most sessions that were opening at once during the run. For tests. */
    int peakOpeningSessions() {
        return gate.peak();
    }

    /** VUs stopped by the schedule, in order: {VU index (1 = first started), ms since start}. For tests. */
    synchronized List<long[]> retirements() {
        return new ArrayList<>(retirements);
    }

    private synchronized boolean allFinished() {
        for (VirtualUser vu : running) {
            if (!vu.finished().isDone()) {
                return false;
            }
        }
        return true;
    }

    private void stopAll(boolean interrupted) {
        List<VirtualUser> all;
        synchronized (this) {
            all = new ArrayList<>(running);
            all.addAll(retired);
            running.clear();
        }
        all.forEach(VirtualUser::stop);
        long grace = interrupted ? INTERRUPT_GRACE_MS : plan.gracefulStopMs();
        if (!await(all, grace)) {
            all.forEach(VirtualUser::abandon);
            await(all, CLOSE_WAIT_MS);
        }
    }

    private static boolean await(List<VirtualUser> vus, long ms) {
        CompletableFuture<?>[] all = vus.stream().map(VirtualUser::finished).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private void emit(Interval interval) {
        CorrectedLatency latency = interval.latency();
        Sample s = interval.sample();
        samples.add(s);
        intervals.add(EncodedInterval.of(interval));
        for (IntervalListener l : listeners) {
            l.onInterval(interval);
        }
        detector.offer(s, latency).ifPresent(bp -> {
            for (IntervalListener l : listeners) {
                l.onBreakingPoint(bp);
            }
        });
    }
}
