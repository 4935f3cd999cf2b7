package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.FakeServer.Reply;
import dev.mcpload.engine.executor.ConstantArrivalRateExecutor;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A closed and an open workload side by side in virtual time, each with its own steps and start. */
@Timeout(30)
class WorkloadsTest {
    private static final Step ADD = new Step(new MetricKey("tools/call", "add"),
            McpRequests.toolsCall("add", Json.object().put("a", 1)), 1);
    private static final Step ECHO = new Step(new MetricKey("tools/call", "echo"),
            McpRequests.toolsCall("echo", Json.object().put("message", "m")), 1);

    @Test
    void aClosedAndAnOpenWorkloadRunSideBySide() {
        VirtualTime time = new VirtualTime();
        FakeServer server = new FakeServer(time).on(ADD, t -> Reply.after(10)).on(ECHO, t -> Reply.after(5));
        Plan plan = Plan.of(new ConstantVusExecutor(1, 1000), List.of(ADD, ECHO))
                .withSampling(new Plan.Sampling(1000, CoordinatedOmission.off()))
                .withWorkloads(List.of(
                        new Plan.Workload("browse", new ConstantVusExecutor(2, 5000), 0, List.of(0)),
                        new Plan.Workload("burst", new ConstantArrivalRateExecutor(50, 1000, 3000, 2, 10), 1000,
                                List.of(1))));
        MetricsRegistry metrics = new MetricsRegistry();
        LoadEngine.Outcome o = new LoadEngine(plan, server, metrics, List.of(), time, new BreakingPointDetector())
                .run();
        var totals = o.sampler().totals();
        // the open workload: exactly 50/s for its 3 s, from 1 s on, echo only — recorded under its own name
        assertThat(totals.get(ECHO.key().inWorkload("burst")).requests()).isEqualTo(150);
        // the closed one: 2 VUs back to back for 5 s, add only
        assertThat(totals.get(ADD.key().inWorkload("browse")).requests()).isBetween(995L, 1000L);
        // each row is one workload's: nothing under the bare keys, nothing a workload did not send
        assertThat(totals.keySet()).containsOnly(ECHO.key().inWorkload("burst"), ADD.key().inWorkload("browse"),
                MetricKey.INITIALIZE);
        assertThat(o.elapsedMs()).isEqualTo(5000);
        assertThat(metrics.droppedIterations()).isZero();
        assertThat(metrics.sessionsOpened()).isEqualTo(4);
        // vus at 2 s: the two closed VUs and the open pool of 2
        assertThat(o.samples().get(1).vus()).isEqualTo(4);
        assertThat(o.samples().get(3).targetVus()).isEqualTo(2); // at 4 s the burst has ended
    }
}
