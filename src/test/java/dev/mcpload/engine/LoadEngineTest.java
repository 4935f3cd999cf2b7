package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mcpload.engine.FakeServer.Reply;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.engine.executor.Executor;
import dev.mcpload.engine.executor.RampingVusExecutor;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine in virtual time against {@link FakeServer}: whole schedules of seconds run in milliseconds, exactly
 * the same every time, so the tests can ask for exact counts and timings. What only real sockets show is in
 * {@code interop.EngineOnReferenceServerTest}.
 */
@Timeout(30)
class LoadEngineTest {
    private final VirtualTime time = new VirtualTime();
    private final FakeServer server = new FakeServer(time);

    private static final Step ADD = new Step(new MetricKey("tools/call", "add"),
            McpRequests.toolsCall("add", Json.object().put("a", 1).put("b", 2)), 1);
    private static final Step ECHO = new Step(new MetricKey("tools/call", "echo"),
            McpRequests.toolsCall("echo", Json.object().put("message", "m")), 1);

    private static Plan plan(Executor ex, List<Step> steps, int sampleMs) {
        return Plan.of(ex, steps).withSampling(new Plan.Sampling(sampleMs, CoordinatedOmission.off()));
    }

    private record Run(LoadEngine engine, LoadEngine.Outcome outcome, MetricsRegistry metrics) {
        KeyTotals totals(Step step) {
            return outcome.sampler().totals().get(step.key());
        }

        KeyTotals init() {
            return outcome.sampler().totals().get(MetricKey.INITIALIZE);
        }
    }

    private LoadEngine engine(Plan plan, MetricsRegistry metrics) {
        return new LoadEngine(plan, server, metrics, List.of(), time, new BreakingPointDetector());
    }

    private Run run(Plan plan) {
        MetricsRegistry metrics = new MetricsRegistry();
        LoadEngine engine = engine(plan, metrics);
        return new Run(engine, engine.run(), metrics);
    }

    /** Every request the server saw is counted exactly once: as a success or under one error class. */
    private void everyRequestCountedOnce(Run r, Step... steps) {
        long counted = 0;
        for (Step s : steps) {
            counted += r.totals(s).requests();
        }
        assertThat(counted).as("requests counted vs. sent").isEqualTo(server.requests);
        assertThat(r.init().requests()).as("initialize counted vs. sent").isEqualTo(server.initializeCalls);
    }

    @Test
    void constantVusHoldOneSessionEachForTheWholeTestAndCloseIt() {
        server.on(ADD, t -> Reply.after(2));
        Run r = run(plan(new ConstantVusExecutor(3, 1500), List.of(ADD), 250));
        assertThat(r.metrics().sessionsOpened()).isEqualTo(3);
        assertThat(r.metrics().sessionsClosed()).isEqualTo(3);
        assertThat(server.sessionsCreated).isEqualTo(3);
        assertThat(server.openSessions()).isZero();
        KeyTotals add = r.totals(ADD);
        // 3 VUs, back to back, 2 ms each (+1 ms handshake) over 1.5 s
        assertThat(add.successes()).isBetween(3L * 747, 3L * 750);
        assertThat(add.errorCount()).isZero();
        assertThat(Latencies.percentileMs(add.raw(), 50)).isCloseTo(2.0, within(0.01));
        assertThat(r.outcome().samples()).hasSize(6).filteredOn(s -> s.endMs() <= 1250)
                .allSatisfy(s -> assertThat(s.vus()).isEqualTo(3));
        assertThat(r.outcome().stopReason()).isEqualTo("completed");
        assertThat(r.outcome().elapsedMs()).isEqualTo(1500);
        assertThat(r.init().successes()).isEqualTo(3);
        everyRequestCountedOnce(r, ADD);
    }

    @Test
    void sessionsOpenAFewAtATimeAndWaitingAtTheGateIsNotInitializeLatency() {
        server.onInitialize(t -> Reply.after(60));
        Plan limited = plan(new ConstantVusExecutor(24, 2500), List.of(ADD), 250)
                .withLimits(new Plan.Limits(0, 5000, 3, 6000));
        Run r = run(limited);
        assertThat(r.engine().peakOpeningSessions()).isEqualTo(3);
        assertThat(r.metrics().sessionsOpened()).isEqualTo(24);
        assertThat(r.init().successes()).isEqualTo(24);
        // 8 rounds of 60 ms for the last VU, but its own handshake took 60 ms
        assertThat(r.init().raw().getMaxValue() / 1000.0).as("ms").isCloseTo(60.0, within(0.1));

        Run unlimited = run(limited.withLimits(new Plan.Limits(0, 5000, 0, 6000)));
        assertThat(unlimited.engine().peakOpeningSessions()).isEqualTo(24);
    }

    @Test
    void stagesFollowTheCurveAndRampDownStopsTheNewestFirstSpreadOverTheStage() {
        RampingVusExecutor ex = new RampingVusExecutor(List.of(
                new RampingVusExecutor.Stage(6, 1200),
                new RampingVusExecutor.Stage(6, 800),
                new RampingVusExecutor.Stage(0, 1200)));
        Run r = run(plan(ex, List.of(ADD), 100));
        for (Sample s : r.outcome().samples()) {
            if (s.endMs() >= 1300 && s.endMs() <= 2000) {
                assertThat(s.vus()).as("hold at %d ms", s.endMs()).isEqualTo(6);
            }
            if (s.endMs() > 100 && s.endMs() < 3200) {
                assertThat(Math.abs(s.vus() - s.targetVus())).as("at %d ms", s.endMs()).isLessThanOrEqualTo(1);
            }
        }
        List<long[]> stops = r.engine().retirements();
        assertThat(stops).extracting(a -> a[0]).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        // the line 6 → 0 over 1.2 s crosses 5, 4, ... 0 every 200 ms, the last at the stage's end; the engine
        // wakes every 100 ms in a ramp
        for (int i = 0; i < 6; i++) {
            assertThat(stops.get(i)[1]).as("retirement %d", i + 1).isBetween(2200L + 200L * i, 2300L + 200L * i);
        }
        assertThat(r.metrics().sessionsOpened()).isEqualTo(6);
        assertThat(r.metrics().sessionsClosed()).isEqualTo(6);
    }

    @Test
    void theMixConvergesToTheWeightsAndTheSameSeedGivesTheSameRun() {
        Step add3 = new Step(ADD.key(), ADD.request(), 3);
        Plan p = plan(new ConstantVusExecutor(4, 30_000), List.of(add3, ECHO), 250)
                .withLimits(new Plan.Limits(4000, 5000, 256, 6000));
        Run r = run(p);
        double adds = r.totals(add3).requests();
        double echoes = r.totals(ECHO).requests();
        assertThat(adds + echoes).isEqualTo(4000);
        assertThat(adds / (adds + echoes)).isCloseTo(0.75, within(0.03));

        VirtualTime again = new VirtualTime();
        MetricsRegistry m2 = new MetricsRegistry();
        LoadEngine.Outcome o2 = new LoadEngine(p, new FakeServer(again), m2, List.of(), again,
                new BreakingPointDetector()).run();
        assertThat((double) o2.sampler().totals().get(ADD.key()).requests()).isEqualTo(adds);
    }

    @Test
    void iterationsStopTheRunAfterExactlyThatManyRequests() {
        Run r = run(plan(new ConstantVusExecutor(4, 30_000), List.of(ADD), 250)
                .withLimits(new Plan.Limits(300, 5000, 256, 6000)));
        assertThat(r.totals(ADD).requests()).isEqualTo(300);
        assertThat(server.requests).isEqualTo(300);
        assertThat(r.outcome().stopReason()).isEqualTo("iterations");
        assertThat(r.outcome().elapsedMs()).isLessThan(200);
        assertThat(r.metrics().sessionsClosed()).isEqualTo(r.metrics().sessionsOpened());
    }

    @Test
    void timeoutsAreRecordedAndVirtualUsersCarryOn() {
        server.on(ADD, t -> Reply.after(400)).timeoutMs(100);
        Run r = run(plan(new ConstantVusExecutor(2, 1200), List.of(ADD), 250)
                .withLimits(new Plan.Limits(0, 100, 256, 1100)));
        KeyTotals t = r.totals(ADD);
        assertThat(t.successes()).isZero();
        assertThat(t.errors()).containsOnlyKeys(ErrorClass.TIMEOUT);
        // each VU: a timeout every 100 ms for 1.2 s (the last one, sent at ~1.1 s, times out in the graceful stop)
        assertThat(t.errors().get(ErrorClass.TIMEOUT)).isBetween(22L, 24L);
        assertThat(r.metrics().examples().all()).anySatisfy(e -> assertThat(e.message()).contains("100 ms"));
        everyRequestCountedOnce(r, ADD);
    }

    @Test
    void aServerStallShowsInTheCorrectedP99AndNotInTheRawOne() {
        server.on(ADD, t -> Reply.after(1)).stall(1500, 2500);
        // each VU paces itself (5 ms think time), so ~1 in 170 requests is the stalled one: the raw p99 misses it
        Plan p = plan(new ConstantVusExecutor(2, 4000), List.of(ADD), 500)
                .withSession(new Plan.SessionPolicy(5, RetryPolicy.DEFAULT))
                .withSampling(new Plan.Sampling(500, CoordinatedOmission.derived(10_000, 5_000)));
        Run r = run(p);
        KeyTotals t = r.totals(ADD);
        assertThat(t.raw().getMaxValue() / 1000.0).as("the stall itself").isGreaterThan(990);
        assertThat(Latencies.percentileMs(t.raw(), 99)).as("raw p99").isLessThan(2);
        assertThat(Latencies.percentileMs(t.corrected(), 99)).as("corrected p99").isGreaterThan(400);
        assertThat(t.corrected().getTotalCount()).isGreaterThan(t.successes());
        assertThat(t.raw().getTotalCount()).isEqualTo(t.successes());
    }

    @Test
    void breakingPointFiresOnAnErrorSpikeAndTheTestGoesOn() {
        server.down(2300, 60_000);
        Run r = run(plan(new ConstantVusExecutor(3, 4000), List.of(ADD), 200));
        assertThat(r.outcome().breakingPoint()).isPresent();
        var bp = r.outcome().breakingPoint().get();
        assertThat(bp.reason()).isEqualTo("error_rate_spike");
        // refused requests back off, so the errors outweigh the good requests of the window's recent half late
        assertThat(bp.elapsedMs()).isBetween(2400L, 3600L);
        assertThat(r.outcome().elapsedMs()).isEqualTo(4000);
        assertThat(r.totals(ADD).errors()).containsKey(ErrorClass.CONNECTION);
        everyRequestCountedOnce(r, ADD);
    }

    @Test
    void breakingPointFiresOnALatencyStep() {
        server.on(ADD, t -> Reply.after(t < 2300 ? 1 : 40));
        Run r = run(plan(new ConstantVusExecutor(2, 4600), List.of(ADD), 200));
        assertThat(r.outcome().breakingPoint()).isPresent();
        assertThat(r.outcome().breakingPoint().get().reason()).isEqualTo("latency_degradation");
        assertThat(r.outcome().breakingPoint().get().vus()).isEqualTo(2);
        assertThat(r.outcome().breakingPoint().get().elapsedMs()).isBetween(2400L, 3400L);
    }

    @Test
    void aSteadyRunHasNoBreakingPoint() {
        server.on(ADD, t -> Reply.after(20));
        Run r = run(plan(new ConstantVusExecutor(3, 3000), List.of(ADD), 200));
        assertThat(r.outcome().samples()).hasSize(15); // 14 whole intervals and the last one, closed by stop()
        assertThat(r.outcome().breakingPoint()).isEmpty();
        assertThat(r.outcome().breakingPointJudged()).isTrue();
    }

    @Test
    void aDriverStepsTheEngineIntervalByIntervalAndSetsTheVusBetweenThem() {
        server.on(ADD, t -> Reply.after(10));
        MetricsRegistry metrics = new MetricsRegistry();
        LoadEngine engine = engine(plan(new ConstantVusExecutor(1, 600_000), List.of(ADD), 1000), metrics);
        engine.start();
        List<Interval> seen = new ArrayList<>();
        for (int vus : new int[] {2, 5, 1}) {
            engine.setTarget(vus);
            for (int i = 0; i < 3; i++) {
                Optional<Interval> next = engine.awaitInterval();
                assertThat(next).isPresent();
                seen.add(next.get());
            }
        }
        LoadEngine.Outcome o = engine.stop();
        assertThat(seen).extracting(Interval::vus).containsExactly(2, 2, 2, 5, 5, 5, 1, 1, 1);
        assertThat(seen).extracting(Interval::endMs).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L,
                7000L, 8000L, 9000L);
        // one interval of 5 VUs at 10 ms each: 500 calls (±1 for the VUs still opening at its start)
        assertThat(seen.get(4).keys().get(ADD.key()).successes()).isBetween(499L, 500L);
        assertThat(o.stopReason()).isEqualTo("stopped");
        assertThat(o.samples()).hasSize(10); // the nine, and the last partial one taken by stop()
        assertThat(metrics.sessionsOpened()).isEqualTo(5);
        assertThat(metrics.sessionsClosed()).isEqualTo(5);
        assertThat(server.openSessions()).isZero();
    }

    @Test
    void requestsStillInFlightAtTheEndAreCountedAsUnfinished() {
        server.on(ADD, t -> Reply.after(60_000)).timeoutMs(60_000);
        Run r = run(plan(new ConstantVusExecutor(3, 2000), List.of(ADD), 500)
                .withLimits(new Plan.Limits(0, 60_000, 256, 500)));
        KeyTotals t = r.totals(ADD);
        assertThat(t.errors()).containsOnlyKeys(ErrorClass.UNFINISHED);
        assertThat(t.errors().get(ErrorClass.UNFINISHED)).isEqualTo(3);
        // waited the graceful stop, then cut off
        assertThat(time.elapsedMs()).isBetween(2500L, 2600L);
        everyRequestCountedOnce(r, ADD);
    }

    @Test
    void aStopRequestEndsTheRunEarlyAndStillCountsEverything() {
        server.on(ADD, t -> Reply.after(t < 1000 ? 5 : 30_000));
        MetricsRegistry metrics = new MetricsRegistry();
        LoadEngine engine = engine(plan(new ConstantVusExecutor(2, 60_000), List.of(ADD), 500), metrics);
        time.at(1500, engine::requestStop);
        LoadEngine.Outcome o = engine.run();
        assertThat(o.stopReason()).isEqualTo("interrupted");
        assertThat(o.elapsedMs()).isBetween(1500L, 1550L);
        KeyTotals t = o.sampler().totals().get(ADD.key());
        assertThat(t.errors()).containsEntry(ErrorClass.UNFINISHED, 2L);
        // interrupted: 2 s of grace, not the 6 s of the graceful stop
        assertThat(time.elapsedMs()).isBetween(3500L, 3600L);
        everyRequestCountedOnce(new Run(engine, o, metrics), ADD);
    }

    @Test
    void mixedOutcomesAreEachCountedOnceUnderTheirClassAndTheIntervalsAddUpToTheTotals() {
        server.on(ADD, t -> t % 10 == 0 ? Reply.toolErrorAfter(1) : t % 10 == 1
                ? Reply.fail(ErrorClass.JSONRPC, 2) : Reply.after(3));
        server.on(ECHO, t -> t % 7 == 0 ? Reply.fail(ErrorClass.HTTP, 1) : Reply.after(1));
        server.onInitialize(t -> t < 5 ? Reply.fail(ErrorClass.HTTP, 1) : Reply.after(1));
        Run r = run(plan(new ConstantVusExecutor(4, 3000), List.of(ADD, ECHO), 500));
        everyRequestCountedOnce(r, ADD, ECHO);
        assertThat(r.totals(ADD).errors()).containsOnlyKeys(ErrorClass.TOOL_ERROR, ErrorClass.JSONRPC);
        assertThat(r.totals(ECHO).errors()).containsOnlyKeys(ErrorClass.HTTP);
        assertThat(r.init().errors()).containsEntry(ErrorClass.HTTP, 4L); // each VU's first handshake, retried
        Map<MetricKey, KeyTotals> summed = Interval.sum(r.outcome().intervals().stream()
                .map(e -> e.decode()).toList());
        for (Step s : List.of(ADD, ECHO)) {
            assertThat(summed.get(s.key()).successes()).isEqualTo(r.totals(s).successes());
            assertThat(summed.get(s.key()).errors()).isEqualTo(r.totals(s).errors());
            assertThat(summed.get(s.key()).raw()).isEqualTo(r.totals(s).raw());
        }
    }
}
