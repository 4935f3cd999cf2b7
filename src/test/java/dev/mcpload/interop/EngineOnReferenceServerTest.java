package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.LoadEngine;
import dev.mcpload.engine.Plan;
import dev.mcpload.engine.RetryPolicy;
import dev.mcpload.engine.Step;
import dev.mcpload.engine.Range;
import dev.mcpload.engine.ThinkTime;
import dev.mcpload.metrics.SessionLengths;
import dev.mcpload.engine.executor.ConstantArrivalRateExecutor;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.engine.executor.Executor;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.testing.FaultProxy;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine end to end against the real reference server, for what only real sockets show: sessions really
 * opened and closed on the server, the session gate under real handshakes, a stall through a proxy reaching the
 * corrected histogram. Everything else about the engine is tested in virtual time ({@code engine.LoadEngineTest}).
 */
@Timeout(60)
class EngineOnReferenceServerTest {
    private ReferenceServer server;
    private final Timer timer = new Timer(true);

    @BeforeEach
    void start() {
        server = ReferenceServer.start(ReferenceServerOptions.defaults());
    }

    @AfterEach
    void stop() {
        timer.cancel();
        server.close();
    }

    private static Step add() {
        return new Step(new MetricKey("tools/call", "add"),
                McpRequests.toolsCall("add", Json.object().put("a", 1).put("b", 2)), 1);
    }

    private static Plan plan(Executor ex, List<Step> steps, long iterations, int timeoutMs, int expectedMs,
                             int sampleMs) {
        return plan(ex, steps, iterations, timeoutMs, expectedMs, sampleMs, 0);
    }

    private static Plan plan(Executor ex, List<Step> steps, long iterations, int timeoutMs, int expectedMs,
                             int sampleMs, int thinkMs) {
        return plan(ex, steps, iterations, timeoutMs, expectedMs, sampleMs, thinkMs, 256);
    }

    private static Plan plan(Executor ex, List<Step> steps, long iterations, int timeoutMs, int expectedMs,
                             int sampleMs, int thinkMs, int maxOpening) {
        CoordinatedOmission correction = expectedMs == 0 ? CoordinatedOmission.off()
                : CoordinatedOmission.derived(Math.max(0, expectedMs) * 1000L, thinkMs * 1000L);
        return Plan.of(ex, steps).withSession(new Plan.SessionPolicy(thinkMs, RetryPolicy.DEFAULT))
                .withLimits(new Plan.Limits(iterations, timeoutMs, maxOpening,
                        Plan.Limits.defaultGracefulStopMs(timeoutMs)))
                .withSampling(new Plan.Sampling(sampleMs, correction));
    }

    private record Run(LoadEngine engine, LoadEngine.Outcome outcome, MetricsRegistry metrics) {
        KeyTotals totals(String name) {
            return outcome.sampler().totals().get(new MetricKey("tools/call", name));
        }
    }

    private Run run(Plan plan, String url) {
        MetricsRegistry metrics = new MetricsRegistry();
        try (McpClient client = new McpClient(ClientOptions.http(url).withEra(ProtocolEra.LEGACY) // counts server sessions
                .withRequestTimeoutMs(plan.limits().timeoutMs()))) {
            LoadEngine engine = new LoadEngine(plan, client, metrics, List.of());
            LoadEngine.Outcome outcome = engine.run();
            return new Run(engine, outcome, metrics);
        }
    }

    private void at(long ms, Runnable r) {
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                r.run();
            }
        }, ms);
    }

    @Test
    void constantVusHoldOneSessionEachForTheWholeTestAndCloseIt() {
        Run r = run(plan(new ConstantVusExecutor(3, 1500), List.of(add()), 0, 5000, 100, 250), server.mcpUrl());
        assertThat(r.metrics().sessionsOpened()).isEqualTo(3);
        assertThat(r.metrics().sessionsClosed()).isEqualTo(3);
        assertThat(r.metrics().sessionReinits()).isZero();
        assertThat(server.activeSessions()).isZero();
        KeyTotals add = r.totals("add");
        assertThat(add.successes()).isGreaterThan(30);
        assertThat(add.errorCount()).isZero();
        assertThat(add.raw().getTotalCount()).isEqualTo(add.successes());
        assertThat(r.outcome().samples()).filteredOn(s -> s.endMs() >= 500 && s.endMs() <= 1250)
                .isNotEmpty().allSatisfy(s -> assertThat(s.vus()).isEqualTo(3));
        assertThat(r.outcome().stopReason()).isEqualTo("completed");
        // initialize is measured apart: one per VU
        assertThat(r.outcome().sampler().totals().get(MetricKey.INITIALIZE).successes()).isEqualTo(3);
    }

    @Test
    void sessionsOpenAFewAtATimeWhenManyVusStartTogether() throws Exception {
        try (FaultProxy proxy = new FaultProxy(server.port())) {
            proxy.delay(30); // each handshake takes a while, so VUs started together would overlap
            Run limited = run(plan(new ConstantVusExecutor(24, 2500), List.of(add()), 0, 5000, 100, 250, 100, 3),
                    proxy.url("/mcp"));
            assertThat(limited.engine().peakOpeningSessions()).isEqualTo(3);
            assertThat(limited.metrics().sessionsOpened()).isEqualTo(24);
            KeyTotals init = limited.outcome().sampler().totals().get(MetricKey.INITIALIZE);
            assertThat(init.successes()).isEqualTo(24);
            assertThat(init.errorCount()).isZero();
            // Waiting for a place is not initialize latency: each handshake is two delayed round trips (~60 ms
            // and more), never the ~8 rounds of waiting the last VU went through.
            assertThat(init.raw().getMaxValue()).as("µs").isLessThan(400_000);

            Run unlimited = run(plan(new ConstantVusExecutor(24, 1500), List.of(add()), 0, 5000, 100, 250, 100, 0),
                    proxy.url("/mcp"));
            assertThat(unlimited.engine().peakOpeningSessions()).isGreaterThan(3);
            assertThat(unlimited.metrics().sessionsOpened()).isEqualTo(24);
        }
    }

    @Test
    void aServerStallShowsInTheCorrectedP99AndNotInTheRawOne() throws Exception {
        try (FaultProxy proxy = new FaultProxy(server.port())) {
            at(1500, () -> proxy.stall(1000));
            // Each VU paces itself (5 ms think time, expected interval 10 ms), so the run's size does not depend
            // on how fast this machine happens to be: ~100 fill-ins per VU are always well over 1 % of values.
            Run r = run(plan(new ConstantVusExecutor(2, 4000), List.of(add()), 0, 5000, 10, 500, 5),
                    proxy.url("/mcp"));
            KeyTotals t = r.totals("add");
            double raw = Latencies.percentileMs(t.raw(), 99);
            double corrected = Latencies.percentileMs(t.corrected(), 99);
            assertThat(t.raw().getMaxValue() / 1000.0).as("the stall itself").isGreaterThan(800);
            assertThat(raw).as("raw p99").isLessThan(200);
            assertThat(corrected).as("corrected p99").isGreaterThan(400);
            // counts stay logical: fill-ins only live in the corrected histogram
            assertThat(t.corrected().getTotalCount()).isGreaterThan(t.successes());
            assertThat(t.raw().getTotalCount()).isEqualTo(t.successes());
        }
    }

    @Test
    void aConstantArrivalRateHoldsItsRateOnAHealthyServer() {
        // 200 iterations/s for 5 s on a pool big enough for any hiccup of a shared machine
        Plan p = Plan.of(new ConstantArrivalRateExecutor(200, 1000, 5000, 40, 200), List.of(add()))
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        Run r = run(p, server.mcpUrl());
        long sent = r.totals("add").requests();
        long dropped = r.metrics().droppedIterations();
        assertThat(sent + dropped).as("every arrival is a request or a drop").isEqualTo(1000);
        assertThat(sent).as("within 1 % of the rate").isGreaterThanOrEqualTo(990);
        assertThat(r.totals("add").errorCount()).isZero();
    }

    private static Step sleep(int ms) {
        return new Step(new MetricKey("tools/call", "sleep"),
                McpRequests.toolsCall("sleep", Json.object().put("ms", ms)), 1);
    }

    @Test
    void anArrivalRateRecordsARealStallFromTheIntendedStarts() throws Exception {
        try (FaultProxy proxy = new FaultProxy(server.port())) {
            at(1500, () -> proxy.stall(1000));
            // 100/s for 4 s with VUs enough for the ~100 iterations the stall holds at once
            Plan p = Plan.of(new ConstantArrivalRateExecutor(100, 1000, 4000, 150, 150), List.of(add()))
                    .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
            Run r = run(p, proxy.url("/mcp"));
            KeyTotals t = r.totals("add");
            assertThat(t.requests() + r.metrics().droppedIterations()).isEqualTo(400);
            assertThat(r.metrics().droppedIterations()).isZero();
            assertThat(t.errorCount()).isZero();
            // the first request the stall caught waited ~1 s from its intended start; ~100 of 400 fell in it
            assertThat(t.raw().getMaxValue() / 1000.0).as("max ms").isGreaterThan(800);
            assertThat(Latencies.percentileMs(t.raw(), 99)).as("p99 ms").isGreaterThan(500);
            assertThat(Latencies.percentileMs(t.raw(), 50)).as("p50 ms").isLessThan(100);
        }
    }

    @Test
    void arrivalsBeyondMaxVusOnARealServerAreDroppedAndCounted() {
        // 50/s of 200 ms calls needs 10 VUs; 4 can serve ~20/s, the other ~30/s find none
        Plan p = Plan.of(new ConstantArrivalRateExecutor(50, 1000, 3000, 4, 4), List.of(sleep(200)))
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        Run r = run(p, server.mcpUrl());
        long sent = r.totals("sleep").requests();
        long dropped = r.metrics().droppedIterations();
        assertThat(sent + dropped).as("every arrival is a request or a drop").isEqualTo(150);
        assertThat(dropped).isBetween(75L, 105L);
        assertThat(r.outcome().samples().stream().mapToLong(s -> s.droppedIterations()).sum()).isEqualTo(dropped);
        assertThat(r.metrics().sessionsOpened()).isEqualTo(4);
        assertThat(r.totals("sleep").errorCount()).isZero();
    }

    @Test
    void callsThinkTimesAndChurnMatchTheProfileOnTheServersOwnCounts() {
        // 4 VUs for 4 s; each session makes 3 to 6 calls with 40–60 ms between them, then DELETE and a fresh one
        Plan p = Plan.of(new ConstantVusExecutor(4, 4000), List.of(add()))
                .withSession(new Plan.SessionPolicy(ThinkTime.uniform(40, 60), new Range(3, 6), 0, Range.ZERO,
                        RetryPolicy.DEFAULT))
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        Run r = run(p, server.mcpUrl());
        long sessions = r.metrics().sessionsOpened();
        // churn, by the server's own count: every session the client opened was created there and deleted
        assertThat(server.sessionsCreated()).isEqualTo(sessions);
        assertThat(server.sessionsEnded()).isEqualTo(sessions);
        assertThat(server.activeSessions()).isZero();
        assertThat(sessions).isGreaterThan(30);
        KeyTotals add = r.totals("add");
        KeyTotals init = r.outcome().sampler().totals().get(MetricKey.INITIALIZE);
        assertThat(init.successes()).as("every handshake counted").isEqualTo(sessions);
        // calls: 3..6 per session (4.5 on average); only the 4 sessions cut by the end may have made fewer
        SessionLengths lengths = r.metrics().sessionLengths();
        assertThat(lengths.callsMax()).isEqualTo(6);
        assertThat(add.requests()).isBetween(3 * (sessions - 4), 6 * sessions);
        assertThat(lengths.callsMean()).isBetween(3.9, 5.1);
        // think time: what the VUs' time went to, less the measured requests and handshakes, over the pauses
        // (calls - 1 per session) is the mean pause drawn, 50 ms; a pause ignored or doubled falls far outside
        double busyMs = add.raw().getMean() * add.requests() / 1000.0 + init.raw().getMean() * sessions / 1000.0;
        double meanThink = (4 * 4000.0 - busyMs) / (add.requests() - sessions);
        assertThat(meanThink).as("mean think ms").isBetween(45.0, 60.0);
    }
}
