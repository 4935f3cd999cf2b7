package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.FakeServer.Reply;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.OperationMetrics;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.RequestEncoder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every transition of {@link VirtualUser}'s and {@link SessionHolder}'s state tables, in virtual time. */
@Timeout(10)
class VirtualUserTest {
    private static final Step ADD = new Step(new MetricKey("tools/call", "add"),
            McpRequests.toolsCall("add", Json.object().put("a", 1)), 1);

    private final VirtualTime time = new VirtualTime();
    private final FakeServer server = new FakeServer(time);
    private final MetricsRegistry metrics = new MetricsRegistry();
    private Plan plan = Plan.of(new ConstantVusExecutor(1, 60_000), List.of(ADD));

    private VirtualUser vu(AtomicLong budget) {
        OperationMetrics[] stepMetrics = {metrics.forKey(ADD.key())};
        return new VirtualUser(1, plan, new EngineParts(server, time, new SessionGate(0), metrics, stepMetrics, plan),
                budget);
    }

    private VirtualUser vu() {
        return vu(null);
    }

    private void advanceMs(long ms) {
        time.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private long count(ErrorClass c) {
        return metrics.forKey(ADD.key()).errors(c);
    }

    private long successes() {
        return metrics.forKey(ADD.key()).successes();
    }

    /**
     * {@code [session] discover = "when_stale"} on a 2026-07-28 server: the first contact's result is kept for its
     * ttlMs (100 ms), then a discover goes before each request (its answers say no ttlMs: stale at once); a
     * discover that fails with a connection error makes the request wait the backoff, as any such failure does.
     */
    @Test
    void aStaleDiscoverResultIsAskedAgainAndAFailedOneWaitsTheBackoff() {
        Step discover = new Step(new MetricKey("server/discover", ""), McpRequests.DISCOVER, 0);
        plan = Plan.of(new ConstantVusExecutor(1, 60_000), List.of(ADD, discover)).withSession(new Plan.SessionPolicy(
                ThinkTime.NONE, Range.ZERO, 0, Range.ZERO, RetryPolicy.DEFAULT, ToolListing.NEVER,
                new Rediscovery(Refresh.WHEN_STALE, 1)));
        server.modern(100).on(ADD, t -> Reply.after(10))
                .on(discover, t -> t >= 150 && t < 160 ? Reply.fail(ErrorClass.CONNECTION, 0) : Reply.after(1));
        OperationMetrics[] stepMetrics = {metrics.forKey(ADD.key()), metrics.forKey(discover.key())};
        new VirtualUser(1, plan, new EngineParts(server, time, new SessionGate(0), metrics, stepMetrics, plan), null)
                .start();
        advanceMs(300);
        List<RequestEncoder> sent = server.requestsPerSession.get(0);
        // fresh until 101: ten calls back to back; then discover, call, discover, call...
        assertThat(sent.subList(0, 10)).allMatch(r -> r == ADD.request());
        assertThat(server.requestTimesMs.subList(0, 12)).containsExactly(1L, 11L, 21L, 31L, 41L, 51L, 61L, 71L,
                81L, 91L, 101L, 102L);
        assertThat(sent.get(10)).isSameAs(discover.request());
        assertThat(sent.get(11)).isSameAs(ADD.request());
        int failed = -1;
        for (int i = 0; i < sent.size(); i++) {
            long at = server.requestTimesMs.get(i);
            if (failed < 0 && sent.get(i) == discover.request() && at >= 150 && at < 160) {
                failed = i;
            }
        }
        assertThat(failed).as("a discover sent in the failing window").isPositive();
        assertThat(sent.get(failed + 1)).isSameAs(ADD.request());
        assertThat(server.requestTimesMs.get(failed + 1) - server.requestTimesMs.get(failed))
                .isEqualTo(RetryPolicy.backoffMs(1));
        assertThat(metrics.forKey(discover.key()).errors(ErrorClass.CONNECTION)).isEqualTo(1);
        assertThat(metrics.forKey(ADD.key()).errors(ErrorClass.CONNECTION)).isZero();
    }

    @Test
    void startingOpensASessionThenRunsBackToBack() {
        server.onInitialize(t -> Reply.after(20));
        server.on(ADD, t -> Reply.after(10));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(19);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STARTING);
        assertThat(vu.isActive()).isFalse();
        advanceMs(1);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.RUNNING);
        assertThat(vu.isActive()).isTrue();
        assertThat(metrics.initialize().successes()).isEqualTo(1);
        advanceMs(100);
        assertThat(server.requestTimesMs).containsExactly(20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L, 110L, 120L);
        assertThat(successes()).isEqualTo(10);
    }

    @Test
    void theThinkTimeIsThePauseBetweenAnAnswerAndTheNextRequest() {
        plan = plan.withSession(new Plan.SessionPolicy(50, RetryPolicy.DEFAULT));
        server.on(ADD, t -> Reply.after(10));
        vu().start();
        advanceMs(200);
        assertThat(server.requestTimesMs).containsExactly(1L, 61L, 121L, 181L);
    }

    @Test
    void aStopDuringTheHandshakeClosesOnceItIsAnsweredAndCountsIt() {
        server.onInitialize(t -> Reply.after(30));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(10);
        vu.stop();
        advanceMs(10);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPING);
        advanceMs(20);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPED);
        assertThat(vu.finished()).isDone();
        assertThat(metrics.initialize().successes()).isEqualTo(1);
        assertThat(metrics.sessionsOpened()).isEqualTo(1);
        assertThat(metrics.sessionsClosed()).isEqualTo(1);
        assertThat(server.requests).isZero();
    }

    @Test
    void aFailedHandshakeIsCountedAndRetriedASecondLater() {
        server.onInitialize(t -> t < 500 ? Reply.fail(ErrorClass.HTTP, 5) : Reply.after(5));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(1000);
        assertThat(server.initializeCalls).isEqualTo(1);
        assertThat(metrics.initialize().errors(ErrorClass.HTTP)).isEqualTo(1);
        advanceMs(10);
        assertThat(server.initializeCalls).isEqualTo(2);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.RUNNING);
        assertThat(server.requestTimesMs.get(0)).isEqualTo(1010L);
    }

    @Test
    void aStopWhileWaitingToRetryClosesAtOnce() {
        server.onInitialize(t -> Reply.fail(ErrorClass.CONNECTION, 0));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(300);
        vu.stop();
        advanceMs(1);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPED);
        advanceMs(3000);
        assertThat(server.initializeCalls).isEqualTo(1);
        assertThat(metrics.sessionsOpened()).isZero();
        assertThat(metrics.sessionsClosed()).isZero();
    }

    @Test
    void aStopWithARequestInFlightLetsItFinishThenCloses() {
        server.on(ADD, t -> Reply.after(100));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(50);
        vu.stop();
        assertThat(vu.isActive()).isFalse();
        advanceMs(50);
        assertThat(vu.state()).as("still waiting for its answer").isEqualTo(VirtualUser.State.RUNNING);
        advanceMs(2);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPED);
        assertThat(successes()).isEqualTo(1);
        assertThat(server.requests).isEqualTo(1);
        assertThat(metrics.sessionsClosed()).isEqualTo(1);
    }

    @Test
    void aStopDuringTheThinkTimeClosesWithoutAnotherRequest() {
        plan = plan.withSession(new Plan.SessionPolicy(1000, RetryPolicy.DEFAULT));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(100);
        vu.stop();
        advanceMs(1);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPED);
        advanceMs(2000);
        assertThat(server.requests).isEqualTo(1);
    }

    @Test
    void abandoningCutsTheRequestInFlightOffAndCountsItUnfinished() {
        server.on(ADD, t -> Reply.after(10_000));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(500);
        vu.abandon();
        advanceMs(1);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPED);
        assertThat(count(ErrorClass.UNFINISHED)).isEqualTo(1);
        assertThat(count(ErrorClass.CONNECTION)).as("the close's own failure is not the server's").isZero();
        advanceMs(20_000);
        assertThat(server.requests).isEqualTo(1);
    }

    @Test
    void abandoningDuringTheHandshakeCountsItUnanswered() {
        server.onInitialize(t -> Reply.after(10_000));
        VirtualUser vu = vu();
        vu.start();
        advanceMs(200);
        vu.abandon();
        advanceMs(1);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPED);
        assertThat(metrics.initialize().errors(ErrorClass.UNFINISHED)).isEqualTo(1);
        assertThat(metrics.sessionsOpened()).isZero();
    }

    @Test
    void connectionFailuresBackOffAndAnAnswerResetsTheBackoff() {
        server.on(ADD, t -> t < 1000 ? Reply.fail(ErrorClass.CONNECTION, 0) : Reply.after(1));
        vu().start();
        advanceMs(1000);
        // 100, 200, 400 ms between refused attempts (backoff doubles), then the server is back
        assertThat(server.requestTimesMs).containsExactly(1L, 101L, 301L, 701L);
        advanceMs(1000);
        // the next attempt, 800 ms later, is answered: back to back from then on, no more pauses
        assertThat(server.requestTimesMs.get(4)).isEqualTo(1501L);
        assertThat(server.requestTimesMs.stream().filter(t -> t >= 1000).count()).isEqualTo(500);
    }

    @Test
    void theGeneratorRunningOutBacksOffLikeARefusedConnection() {
        // out of descriptors or memory: retrying back to back cannot help and would spin the loop
        server.on(ADD, t -> t < 1000 ? Reply.fail(ErrorClass.GENERATOR, 0) : Reply.after(1));
        vu().start();
        advanceMs(1000);
        assertThat(server.requestTimesMs).containsExactly(1L, 101L, 301L, 701L);
        assertThat(count(ErrorClass.GENERATOR)).isEqualTo(4);
    }

    @Test
    void theIterationBudgetEndsTheVuWhenUsedUp() {
        AtomicLong budget = new AtomicLong(5);
        VirtualUser vu = vu(budget);
        vu.start();
        advanceMs(100);
        assertThat(server.requests).isEqualTo(5);
        assertThat(vu.state()).isEqualTo(VirtualUser.State.STOPPED);
        assertThat(budget.get()).isZero();
        assertThat(metrics.sessionsClosed()).isEqualTo(1);
    }
}
