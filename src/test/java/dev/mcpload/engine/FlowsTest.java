package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.FakeServer.Reply;
import dev.mcpload.engine.executor.ConstantArrivalRateExecutor;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.engine.executor.Executor;
import dev.mcpload.engine.executor.SessionIterations;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.RequestEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ordered flows ({@code [[flow]]}) beside weighted steps, and open-model iterations that are whole sessions
 * ({@code per = "session"}), in virtual time: exact orders and counts.
 */
@Timeout(30)
class FlowsTest {
    private static final Step LIST = new Step(new MetricKey("tools/list", ""), McpRequests.list("tools/list", null), 0);
    private static final Step SEARCH = new Step(new MetricKey("tools/call", "search"),
            McpRequests.toolsCall("search", Json.object().put("q", "x")), 0);
    private static final Step FETCH = new Step(new MetricKey("tools/call", "fetch"),
            McpRequests.toolsCall("fetch", Json.object().put("id", 1)), 0);
    private static final Step PING = new Step(new MetricKey("ping", ""), McpRequests.ping(), 1);

    private final VirtualTime time = new VirtualTime();
    private final FakeServer server = new FakeServer(time).on(LIST, t -> Reply.after(2)).on(SEARCH, t -> Reply.after(5))
            .on(FETCH, t -> Reply.after(3)).on(PING, t -> Reply.after(1));
    private final MetricsRegistry metrics = new MetricsRegistry();

    private LoadEngine.Outcome run(Executor ex, double flowWeight, Plan.SessionPolicy session) {
        Plan.Mix mix = new Plan.Mix(List.of(LIST, SEARCH, FETCH, PING),
                List.of(new Plan.Flow("browse", List.of(0, 1, 2), flowWeight)), 11);
        Plan plan = Plan.of(ex, mix.steps()).withMix(mix).withSession(session)
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        return new LoadEngine(plan, server, metrics, List.of(), time, new BreakingPointDetector()).run();
    }

    private long requests(LoadEngine.Outcome o, Step s) {
        var t = o.sampler().totals().get(s.key());
        return t == null ? 0 : t.requests();
    }

    /** Every list is followed by a search and then a fetch, in the same session; pings only on their own. */
    private static void assertFlowsInOrder(List<RequestEncoder> sent) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i) == LIST.request() && i + 2 < sent.size()) {
                assertThat(sent.get(i + 1)).isSameAs(SEARCH.request());
                assertThat(sent.get(i + 2)).isSameAs(FETCH.request());
            }
            if (sent.get(i) == SEARCH.request()) {
                assertThat(sent.get(i - 1)).isSameAs(LIST.request());
            }
        }
    }

    @Test
    void aFlowRunsInOrderWithinOneSessionChosenByWeightBesideSingleSteps() {
        LoadEngine.Outcome o = run(new ConstantVusExecutor(3, 5_000), 3, Plan.SessionPolicy.DEFAULT);
        server.requestsPerSession.forEach(FlowsTest::assertFlowsInOrder);
        long flows = requests(o, LIST);
        long pings = requests(o, PING);
        // weight 3 for the flow against 1 for ping: 3 of 4 choices are flows (within a few percent over ~1,400)
        assertThat(flows / (double) (flows + pings)).isBetween(0.70, 0.80);
        // a flow cut by the end of the test may miss its last steps, never its first
        assertThat(requests(o, SEARCH)).isBetween(flows - 3, flows);
        assertThat(requests(o, FETCH)).isBetween(flows - 3, flows);
    }

    @Test
    void aSessionNeverEndsInTheMiddleOfAFlow() {
        // 2 calls per session, but the flow has 3 steps: a session that starts one finishes it first
        LoadEngine.Outcome o = run(new ConstantVusExecutor(2, 3_000), 1,
                new Plan.SessionPolicy(ThinkTime.NONE, Range.of(2), 0, Range.ZERO, RetryPolicy.DEFAULT));
        assertThat(metrics.sessionsOpened()).isGreaterThan(50);
        List<List<RequestEncoder>> sessions = server.requestsPerSession;
        for (List<RequestEncoder> sent : sessions.subList(0, sessions.size() - 2)) { // the last two were cut
            assertFlowsInOrder(sent);
            boolean startsWithFlow = sent.get(0) == LIST.request();
            assertThat(sent.size()).isEqualTo(startsWithFlow ? 3 : sent.get(1) == LIST.request() ? 4 : 2);
        }
        assertThat(o.sampler().totals()).containsKey(LIST.key());
    }

    @Test
    void anOpenIterationIsAWholeFlowAndTheVuIsBusyUntilItEnds() {
        // 20 arrivals/s for 2 s; each iteration is ping (weight 1) or list → search → fetch (weight 1, 10 ms in all)
        LoadEngine.Outcome o = run(new ConstantArrivalRateExecutor(20, 1000, 2000, 1, 1), 1, Plan.SessionPolicy.DEFAULT);
        assertThat(requests(o, LIST) + requests(o, PING)).isEqualTo(40); // one choice per arrival
        assertThat(requests(o, SEARCH)).isEqualTo(requests(o, LIST));
        assertThat(requests(o, FETCH)).isEqualTo(requests(o, LIST));
        assertThat(metrics.droppedIterations()).isZero(); // 10 ms flows, 50 ms apart: one VU is enough
        assertThat(metrics.sessionsOpened()).isEqualTo(1);
        server.requestsPerSession.forEach(FlowsTest::assertFlowsInOrder);
    }

    @Test
    void perSessionEachArrivalOpensASessionMakesItsCallsAndClosesIt() {
        // 10 sessions/s for 3 s, each 4 calls of ping, 5 ms apart: 30 sessions, 120 calls
        Executor ex = new SessionIterations(new ConstantArrivalRateExecutor(10, 1000, 3000, 2, 4));
        Plan.Mix mix = new Plan.Mix(List.of(PING), 3);
        Plan plan = Plan.of(ex, mix.steps()).withMix(mix)
                .withSession(new Plan.SessionPolicy(ThinkTime.fixed(5), Range.of(4), 0, Range.ZERO, RetryPolicy.DEFAULT))
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        LoadEngine.Outcome o = new LoadEngine(plan, server, metrics, List.of(), time, new BreakingPointDetector()).run();
        assertThat(metrics.sessionsOpened()).isEqualTo(30);
        assertThat(server.sessionsCreated).isEqualTo(30);
        assertThat(server.closes).isEqualTo(30);
        assertThat(requests(o, PING)).isEqualTo(120);
        assertThat(server.requestsPerSession).allSatisfy(sent -> assertThat(sent).hasSize(4));
        assertThat(metrics.sessionLengths().callsMax()).isEqualTo(4);
        assertThat(metrics.droppedIterations()).isZero();
    }

    @Test
    void perSessionArrivalsThatFindEveryVuInASessionAreDropped() {
        // a session lasts 4 × (1 + 100) ms ≈ 0.4 s; 10 arrivals/s with at most 2 VUs: most arrivals find none free
        Executor ex = new SessionIterations(new ConstantArrivalRateExecutor(10, 1000, 2000, 1, 2));
        Plan.Mix mix = new Plan.Mix(List.of(PING), 3);
        Plan plan = Plan.of(ex, mix.steps()).withMix(mix)
                .withSession(new Plan.SessionPolicy(ThinkTime.fixed(100), Range.of(4), 0, Range.ZERO,
                        RetryPolicy.DEFAULT))
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        new LoadEngine(plan, server, metrics, List.of(), time, new BreakingPointDetector()).run();
        // every arrival is either a session or a drop, never both, never neither
        assertThat(metrics.sessionsOpened() + metrics.droppedIterations()).isEqualTo(20);
        assertThat(metrics.droppedIterations()).isGreaterThan(5);
    }
}
