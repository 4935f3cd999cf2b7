package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.FakeServer.Reply;
import dev.mcpload.engine.executor.ConstantArrivalRateExecutor;
import dev.mcpload.engine.executor.Executor;
import dev.mcpload.engine.executor.RampingArrivalRateExecutor;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The open model (arrival-rate executors) in virtual time: exact rates, drops, and latency from intended starts. */
@Timeout(30)
class OpenModelTest {
    private static final Step ADD = new Step(new MetricKey("tools/call", "add"),
            McpRequests.toolsCall("add", Json.object().put("a", 1)), 1);

    private final VirtualTime time = new VirtualTime();
    private final FakeServer server = new FakeServer(time);
    private final MetricsRegistry metrics = new MetricsRegistry();

    private LoadEngine.Outcome run(Executor ex) {
        Plan plan = Plan.of(ex, List.of(ADD)).withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()));
        return new LoadEngine(plan, server, metrics, List.of(), time, new BreakingPointDetector()).run();
    }

    private KeyTotals add(LoadEngine.Outcome o) {
        return o.sampler().totals().get(ADD.key());
    }

    @Test
    void aConstantRateStartsEveryIterationOnTimeWhateverTheLatency() {
        server.on(ADD, t -> Reply.after(35));
        LoadEngine.Outcome o = run(new ConstantArrivalRateExecutor(100, 1000, 10_000, 5, 20));
        assertThat(server.requests).isEqualTo(1000);
        assertThat(add(o).successes()).isEqualTo(1000);
        assertThat(metrics.droppedIterations()).isZero();
        for (int i = 1; i < server.requestTimesMs.size(); i++) {
            assertThat(server.requestTimesMs.get(i) - server.requestTimesMs.get(i - 1)).isEqualTo(10);
        }
        // 35 ms each at 100/s: 4 VUs busy at once at most, so the 5 pre-allocated ones were enough
        assertThat(server.maxInFlight).isEqualTo(4);
        assertThat(metrics.sessionsOpened()).isEqualTo(5);
        // every whole second after the first completes exactly its 100 calls
        assertThat(o.intervals().subList(1, 9)).allSatisfy(i -> assertThat(i.decode().keys().get(ADD.key())
                .successes()).isEqualTo(100));
    }

    @Test
    void aStallIsMeasuredFromTheIntendedStartsOfTheIterationsItDelayed() {
        server.on(ADD, t -> Reply.after(2)).stall(3000, 4000);
        // enough VUs pre-allocated for the stall: it holds ~100 iterations at once (a stalled server answers no
        // handshake either, so VUs added during it would not open before it ends)
        LoadEngine.Outcome o = run(new ConstantArrivalRateExecutor(100, 1000, 10_000, 120, 120));
        KeyTotals t = add(o);
        // the request sent at 3.000 s waits the whole second: measured from its intended start
        assertThat(t.raw().getMaxValue() / 1000.0).isGreaterThan(995);
        // ~100 of 1,000 iterations fell in the stall, so the p99 is the stall's, not the healthy 2 ms
        assertThat(Latencies.percentileMs(t.raw(), 99)).isGreaterThan(400);
        assertThat(Latencies.percentileMs(t.raw(), 50)).isLessThan(3);
        assertThat(t.requests()).isEqualTo(1000);
        assertThat(metrics.droppedIterations()).isZero();
        assertThat(server.maxInFlight).isEqualTo(100);
    }

    @Test
    void aStallWithTooFewVusDropsTheIterationsThatFindNoneAndCountsThem() {
        server.on(ADD, t -> Reply.after(2)).stall(3000, 4000);
        LoadEngine.Outcome o = run(new ConstantArrivalRateExecutor(100, 1000, 10_000, 5, 500));
        long dropped = metrics.droppedIterations();
        // 5 VUs are held by the stall; the VUs added for later arrivals cannot open until it ends
        assertThat(dropped).isBetween(90L, 96L);
        assertThat(add(o).requests() + dropped).as("every arrival is a request or a drop").isEqualTo(1000);
        assertThat(o.samples().stream().mapToLong(Sample::droppedIterations).sum()).isEqualTo(dropped);
        assertThat(o.samples().get(3).droppedIterations()).isEqualTo(dropped);
    }

    @Test
    void iterationsBeyondMaxVusAreDroppedAndCounted() {
        server.on(ADD, t -> Reply.after(100));
        LoadEngine.Outcome o = run(new ConstantArrivalRateExecutor(100, 1000, 10_000, 5, 5));
        // 10 VUs would be needed (100/s × 100 ms); 5 serve every other arrival
        long dropped = metrics.droppedIterations();
        assertThat(add(o).requests() + dropped).isEqualTo(1000);
        assertThat(dropped).isBetween(490L, 510L);
        assertThat(metrics.sessionsOpened()).isEqualTo(5);
    }

    @Test
    void aRampingRateFollowsItsIntegral() {
        server.on(ADD, t -> Reply.after(5));
        // 0 → 100/s over 2 s (100 iterations), then 100/s for 2 s (200 more)
        LoadEngine.Outcome o = run(new RampingArrivalRateExecutor(0, 1000, List.of(
                new RampingArrivalRateExecutor.Stage(100, 2000), new RampingArrivalRateExecutor.Stage(100, 2000)),
                5, 50));
        assertThat(server.requests).isEqualTo(300);
        assertThat(metrics.droppedIterations()).isZero();
        // the ramp: a quarter of its iterations in its first half (the integral of a line)
        long firstSecond = server.requestTimesMs.stream().filter(t -> t < 1000).count();
        assertThat(firstSecond).isBetween(24L, 26L);
        assertThat(o.samples().get(0).stage()).isEqualTo(1);
    }
}
