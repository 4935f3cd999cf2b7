package dev.mcpload.engine;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.IntervalSampler;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.OperationMetrics;
import dev.mcpload.metrics.Sample;
import dev.mcpload.transport.McpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a plan, on the caller's thread, one step at a time: {@link #start()}, then {@link #awaitInterval()} as
 * often as wanted — each call keeps the VUs on the schedule until the next metrics interval closes and returns
 * it — then {@link #stop()}, which ends the run and returns what it measured. {@link #run()} does all three for a
 * whole schedule. A driver (the ceiling search) can hold any number of VUs between intervals with
 * {@link #setTarget}. VUs run on their own loops; the clock, the sessions and the detector are handed in, so tests
 * run the engine in virtual time against a fake server.
 *
 * <p>Each closed interval goes to the breaking-point detector and the listeners, on the caller's thread.
 * {@link #requestStop()} (Ctrl-C, any thread) ends the run at the next tick; what was measured is still returned.
 */
public final class LoadEngine implements LiveView {
    /** The loop's longest wait: how fast a stop request or an exhausted iteration budget is noticed. */
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long INTERRUPT_GRACE_MS = 2_000;
    private static final long CLOSE_WAIT_MS = 5_000;
    private static final long FINISH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private enum Phase { NEW, RUNNING, ENDED, STOPPED }

    private final Plan plan;
    private final MetricsRegistry metrics;
    private final List<IntervalListener> listeners;
    private final Clock clock;
    private final BreakingPointDetector detector;
    private final EngineParts parts;
    private final AtomicLong budget;
    private final LoadModel model;
    // Intervals encoded: ~1.6 KB per key per interval, so an hour of 10 tools is ~30 MB, not the ~300 MB of live
    // histograms.
    private final List<EncodedInterval> intervals = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean stopRequested;
    private volatile long startNanos;
    private Phase phase = Phase.NEW;
    private IntervalSampler sampler;
    private long sampleNanos;
    private long nextSample;
    private String stopReason = "completed";

    /** What the engine hands back: the samples and the timing; the metrics stay in the registry. */
    public record Outcome(long startNanos, long elapsedMs, List<Sample> samples, List<EncodedInterval> intervals,
                          Optional<BreakingPoint> breakingPoint, IntervalSampler sampler, String stopReason,
                          int detectorWindow) {
        /** Whether the detector saw enough intervals to judge: without that, "no breaking point" means nothing. */
        public boolean breakingPointJudged() {
            return breakingPoint.isPresent() || samples.size() >= detectorWindow;
        }
    }

    /** A real run: sessions of {@code client}, the system clock, the chapter's detector. */
    public LoadEngine(Plan plan, McpClient client, MetricsRegistry metrics, List<IntervalListener> listeners) {
        this(plan, new ClientSessions(client), metrics, listeners, Clock.SYSTEM, new BreakingPointDetector());
    }

    public LoadEngine(Plan plan, SessionFactory sessions, MetricsRegistry metrics, List<IntervalListener> listeners,
                      Clock clock, BreakingPointDetector detector) {
        this.plan = plan;
        this.metrics = metrics;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.detector = detector;
        // Side by side, each workload records under keys of its own (CompositeModel); a step never sent has no row.
        OperationMetrics[] stepMetrics = new OperationMetrics[plan.steps().size()];
        for (int i = 0; i < stepMetrics.length; i++) {
            if (plan.workloads().isEmpty() && plan.sends(i)) {
                stepMetrics[i] = metrics.forKey(plan.steps().get(i).key());
            }
        }
        this.parts = new EngineParts(sessions, clock, new SessionGate(plan.limits().maxOpeningSessions()), metrics,
                stepMetrics, plan);
        this.budget = plan.limits().iterations() > 0 ? new AtomicLong(plan.limits().iterations()) : null;
        // Made now, so a plan no model can run fails before anything starts; an open model's clock starts in start().
        this.model = LoadModel.of(plan, parts, budget);
    }

    /** Ends the run soon: VUs finish their request in flight (briefly), close their sessions. Any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Milliseconds since the run started (0 before). For live displays. Any thread. */
    @Override
    public long elapsedMs() {
        long s = startNanos;
        return s == 0 ? 0 : (clock.nanoTime() - s) / 1_000_000;
    }

    /** VUs currently running (holding an initialized session, not stopping). Any thread. */
    @Override
    public int activeVus() {
        return model.activeVus();
    }

    /** VUs the schedule (or {@link #setTarget}) asks for now. Any thread. */
    @Override
    public int targetVus() {
        return startNanos == 0 ? 0 : model.targetAt(elapsedMs());
    }

    /**
     * The stage an interval belongs to: the one its last scheduled millisecond lies in. The scheduled end, not
     * the moment the clock got to it (a few ms late on a busy machine), so an interval that ends on a stage
     * boundary is never given the next stage.
     */
    private int stageOfIntervalEndingAt(long scheduledEndNanos) {
        long endMs = (scheduledEndNanos - startNanos) / 1_000_000;
        return plan.executor().stageAt(Math.max(0, endMs - 1));
    }

    /** A whole run: start, every interval until the schedule ends (or a stop), stop. */
    public Outcome run() {
        start();
        while (awaitInterval().isPresent()) {
            // each interval has gone to the detector and the listeners
        }
        return stop();
    }

    /**
     * Starts the clock of the run; closed-model VUs start on the first {@link #awaitInterval()}. An open model's
     * pool is opened first (waiting at most the request timeout for it), so the clock starts with it open.
     */
    public void start() {
        if (phase != Phase.NEW) {
            throw new IllegalStateException("the engine was already started");
        }
        model.prepare();
        long readyBy = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.limits().timeoutMs());
        while (!model.ready() && !stopRequested && clock.nanoTime() < readyBy) {
            clock.parkNanos(FINISH_POLL_NANOS);
        }
        long start = clock.nanoTime();
        startNanos = start;
        sampler = new IntervalSampler(metrics, start, plan.sampling().correction());
        sampleNanos = TimeUnit.MILLISECONDS.toNanos(plan.sampling().intervalMs());
        nextSample = start + sampleNanos;
        model.start(start);
        phase = Phase.RUNNING;
    }

    /**
     * Keeps the VUs on the schedule until the next interval closes, and returns it (it has gone to the detector
     * and the listeners). Empty once the run is over — the schedule ended, the iteration budget was used up, or a
     * stop was requested — after which only {@link #stop()} is left.
     */
    public Optional<Interval> awaitInterval() {
        if (phase == Phase.NEW) {
            throw new IllegalStateException("start() the engine first");
        }
        while (phase == Phase.RUNNING) {
            long now = clock.nanoTime();
            long elapsedMs = (now - startNanos) / 1_000_000;
            if (stopRequested) {
                end("interrupted");
                break;
            }
            if (elapsedMs >= plan.executor().durationMs()) {
                model.retireAll(elapsedMs); // the schedule's end: retire the rest, newest first
                end("completed");
                break;
            }
            if (budget != null && budget.get() == 0 && model.allFinished()) {
                end("iterations");
                break;
            }
            model.tick(elapsedMs);
            if (now >= nextSample) {
                Interval interval = sampler.sample(now, clock.wallClockMs(), model.activeVus(),
                        model.targetAt(elapsedMs), stageOfIntervalEndingAt(nextSample));
                nextSample += sampleNanos;
                emit(interval);
                return Optional.of(interval);
            }
            // Wait until the schedule can next change, the next interval, or at most 50 ms: waking more often
            // than that costs CPU the generator shares with the server (measured: ~18 µs per request at
            // 1,000 req/s with a fixed 5 ms tick).
            long quiet = TimeUnit.MILLISECONDS.toNanos(model.quietMsAfter(elapsedMs));
            long t = clock.nanoTime();
            long wait = Math.min(Math.min(MAX_TICK_NANOS, quiet), Math.min(nextSample, model.nextWakeNanos()) - t);
            if (wait > 0) {
                clock.parkNanos(wait);
            }
        }
        return Optional.empty();
    }

    /** Holds {@code vus} VUs from the next tick on, whatever the executor says (closed model only). */
    public void setTarget(int vus) {
        if (!(model instanceof ClosedModel closed)) {
            throw new IllegalStateException("setTarget needs a closed-model executor");
        }
        closed.setTarget(vus);
    }

    /**
     * Ends the run: every VU finishes its request in flight within the graceful stop (2 s after an interrupt),
     * what is still unanswered then is counted, sessions close, and the last, partial interval is taken.
     */
    public Outcome stop() {
        if (phase == Phase.NEW) {
            start();
        }
        if (phase == Phase.STOPPED) {
            throw new IllegalStateException("the engine was already stopped");
        }
        if (phase == Phase.RUNNING) {
            end(stopRequested ? "interrupted" : "stopped");
        }
        long loadEndNanos = clock.nanoTime();
        stopAll("interrupted".equals(stopReason));
        long elapsedMs = (loadEndNanos - startNanos) / 1_000_000;
        long lastElapsed = (clock.nanoTime() - startNanos) / 1_000_000;
        emit(sampler.sample(clock.nanoTime(), clock.wallClockMs(), 0, 0,
                plan.executor().stageAt(Math.min(lastElapsed, plan.executor().durationMs() - 1))));
        phase = Phase.STOPPED;
        return new Outcome(startNanos, elapsedMs, List.copyOf(samples), List.copyOf(intervals),
                detector.detected(), sampler, stopReason, detector.windowSize());
    }

    private void end(String reason) {
        stopReason = reason;
        phase = Phase.ENDED;
    }

    /** The most sessions that were opening (connect + initialize) at once so far, under the session gate. */
    public int peakOpeningSessions() {
        return parts.gate().peak();
    }

    /** VUs stopped by the schedule, in order: {VU index (1 = first started), ms since start}. For tests. */
    List<long[]> retirements() {
        return model instanceof ClosedModel closed ? closed.retirements() : List.of();
    }

    private void stopAll(boolean interrupted) {
        List<VirtualUser> all = model.all();
        all.forEach(VirtualUser::stop);
        long grace = interrupted ? INTERRUPT_GRACE_MS : plan.limits().gracefulStopMs();
        if (!awaitFinished(all, grace)) {
            all.forEach(VirtualUser::abandon);
            awaitFinished(all, CLOSE_WAIT_MS);
        }
    }

    /** Waits on the engine's clock (so virtual time moves) until every VU has closed its session, or the time is up. */
    private boolean awaitFinished(List<VirtualUser> vus, long ms) {
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (true) {
            boolean done = true;
            for (VirtualUser vu : vus) {
                if (!vu.finished().isDone()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return true;
            }
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                return false;
            }
            clock.parkNanos(Math.min(left, FINISH_POLL_NANOS));
        }
    }

    private void emit(Interval interval) {
        Sample s = interval.sample();
        samples.add(s);
        intervals.add(EncodedInterval.of(interval));
        for (IntervalListener l : listeners) {
            l.onInterval(interval);
        }
        detector.offer(s, interval.latency()).ifPresent(bp -> {
            for (IntervalListener l : listeners) {
                l.onBreakingPoint(bp);
            }
        });
    }
}
