package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mcpload.engine.FakeServer.Reply;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.SessionLengths;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Session profiles ([session]) in virtual time: calls per session, churn, think times and arrival jitter. */
@Timeout(30)
class SessionProfileTest {
    private static final Step ADD = new Step(new MetricKey("tools/call", "add"),
            McpRequests.toolsCall("add", Json.object().put("a", 1)), 1);

    private final VirtualTime time = new VirtualTime();
    private final FakeServer server = new FakeServer(time);
    private final MetricsRegistry metrics = new MetricsRegistry();

    private LoadEngine.Outcome run(int vus, long durationMs, Plan.SessionPolicy policy) {
        server.on(ADD, t -> Reply.after(10));
        Plan plan = Plan.of(new ConstantVusExecutor(vus, durationMs), List.of(ADD)).withSession(policy)
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        return new LoadEngine(plan, server, metrics, List.of(), time, new BreakingPointDetector()).run();
    }

    private static Plan.SessionPolicy policy(ThinkTime think, Range calls, long durationMs, Range jitter) {
        return new Plan.SessionPolicy(think, calls, durationMs, jitter, RetryPolicy.DEFAULT);
    }

    /** Gaps between one VU's consecutive requests, minus the 10 ms each took: the think times drawn. */
    private double[] thinkTimes() {
        List<Long> t = server.requestTimesMs;
        double[] gaps = new double[t.size() - 1];
        for (int i = 1; i < t.size(); i++) {
            gaps[i - 1] = t.get(i) - t.get(i - 1) - 10;
        }
        return gaps;
    }

    @Test
    void eachSessionMakesItsCallsThenAFreshOneIsOpened() {
        LoadEngine.Outcome o = run(2, 10_000, policy(ThinkTime.NONE, Range.of(8), 0, Range.ZERO));
        KeyTotals add = o.sampler().totals().get(ADD.key());
        SessionLengths lengths = metrics.sessionLengths();
        assertThat(lengths.callsMax()).isEqualTo(8);
        // every session but the two cut by the end of the test made exactly 8 calls
        assertThat(add.requests()).isBetween(8 * (metrics.sessionsOpened() - 2), 8 * metrics.sessionsOpened());
        assertThat(metrics.sessionsOpened()).isGreaterThan(100);
        assertThat(server.sessionsCreated).isEqualTo((int) metrics.sessionsOpened());
        assertThat(metrics.sessionsClosed()).isEqualTo(metrics.sessionsOpened());
        // churn is load: every handshake is counted as a request
        assertThat(o.sampler().totals().get(MetricKey.INITIALIZE).successes()).isEqualTo(metrics.sessionsOpened());
        assertThat(o.intervals().get(3).events().sessionsOpened()).isGreaterThan(5);
    }

    @Test
    void callsDrawnFromARangeAverageItsMiddle() {
        run(10, 60_000, policy(ThinkTime.NONE, new Range(3, 12), 0, Range.ZERO));
        SessionLengths lengths = metrics.sessionLengths();
        assertThat(lengths.ended()).isGreaterThan(1000);
        assertThat(lengths.callsMax()).isEqualTo(12);
        assertThat(lengths.callsMean()).isCloseTo(7.5, within(0.3));
    }

    @Test
    void aUniformThinkTimeStaysInItsRangeAndAveragesItsMiddle() {
        run(1, 60_000, policy(ThinkTime.uniform(10, 30), Range.ZERO, 0, Range.ZERO));
        double[] gaps = thinkTimes();
        assertThat(gaps.length).isGreaterThan(1500);
        assertThat(java.util.Arrays.stream(gaps).min().orElseThrow()).isGreaterThanOrEqualTo(10);
        assertThat(java.util.Arrays.stream(gaps).max().orElseThrow()).isLessThanOrEqualTo(30);
        assertThat(java.util.Arrays.stream(gaps).average().orElseThrow()).isCloseTo(20, within(1.0));
    }

    @Test
    void anExponentialThinkTimeHasItsMean() {
        run(1, 120_000, policy(ThinkTime.exponential(20), Range.ZERO, 0, Range.ZERO));
        double[] gaps = thinkTimes();
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        assertThat(mean).isCloseTo(20, within(1.5));
        // exponential: about 1 - 1/e of the pauses are below the mean
        double below = java.util.Arrays.stream(gaps).filter(g -> g < 20).count() / (double) gaps.length;
        assertThat(below).isCloseTo(0.63, within(0.04));
    }

    @Test
    void arrivalJitterSpreadsTheFirstSessionsAndSpikeStartsThemTogether() {
        run(50, 2000, policy(ThinkTime.fixed(5000), Range.ZERO, 0, new Range(0, 500)));
        List<Long> first = server.requestTimesMs.subList(0, 50);
        assertThat(first.stream().mapToLong(Long::longValue).max().orElseThrow()).isBetween(400L, 502L);
        assertThat(first.stream().distinct().count()).isGreaterThan(40);

        VirtualTime t2 = new VirtualTime();
        FakeServer spike = new FakeServer(t2);
        Plan plan = Plan.of(new ConstantVusExecutor(50, 2000), List.of(ADD))
                .withSession(policy(ThinkTime.fixed(5000), Range.ZERO, 0, Range.ZERO));
        new LoadEngine(plan, spike, new MetricsRegistry(), List.of(), t2, new BreakingPointDetector()).run();
        assertThat(spike.requestTimesMs.subList(0, 50)).containsOnly(1L);
    }

    @Test
    void aSessionDurationEndsSessionsOnTime() {
        run(3, 10_000, policy(ThinkTime.fixed(40), Range.ZERO, 1000, Range.ZERO));
        SessionLengths lengths = metrics.sessionLengths();
        assertThat(metrics.sessionsOpened()).isBetween(27L, 30L);
        assertThat(lengths.durationMaxMs()).isBetween(1000.0, 1060.0);
        assertThat(lengths.durationP50Ms()).isBetween(995.0, 1060.0);
    }
}
