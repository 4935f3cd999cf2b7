package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.testing.FaultProxy;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * While the server is down, VUs back off instead of spinning: the error count describes the outage (a few
 * attempts per VU per second), not a retry loop (before: ~32,000 connection errors per second), and the gap
 * shows in the time series; when the server is back the load resumes.
 */
@Timeout(60)
class RetryPacingTest {
    @Test
    void aDeadServerGetsAFewPacedAttemptsPerVuAndTheLoadResumesWhenItIsBack() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults());
             FaultProxy proxy = new FaultProxy(server.port())) {
            Step add = new Step(new MetricKey("tools/call", "add"),
                    McpRequests.toolsCall("add", Json.object().put("a", 1).put("b", 2)), 1);
            Plan plan = Plan.of(new ConstantVusExecutor(4, 6000), List.of(add))
                    .withLimits(new Plan.Limits(0, 2000, 256, 3000))
                    .withSampling(new Plan.Sampling(500, CoordinatedOmission.derived(0, 0)));
            Timer timer = new Timer(true);
            timer.schedule(task(proxy::refuse), 1500);   // down for 3 s
            timer.schedule(task(proxy::accept), 4500);
            MetricsRegistry metrics = new MetricsRegistry();
            LoadEngine.Outcome outcome;
            try (McpClient client = new McpClient(ClientOptions.http(proxy.url("/mcp")).withRequestTimeoutMs(2000))) {
                outcome = new LoadEngine(plan, client, metrics, List.of()).run();
            } finally {
                timer.cancel();
            }
            KeyTotals t = outcome.sampler().totals().get(add.key());
            long connectionErrors = t.errors().getOrDefault(ErrorClass.CONNECTION, 0L);
            System.out.println("RetryPacingTest: " + connectionErrors + " connection errors from 4 VUs in a 3 s outage");
            // 4 VUs over 3 s of backoff (100, 200, 400, 800, 1600 ms...) make about 6 attempts each
            assertThat(connectionErrors).isBetween(4L, 60L);
            List<Sample> samples = outcome.samples();
            long before = samples.stream().filter(s -> s.endMs() <= 1500).mapToLong(Sample::successes).max()
                    .orElseThrow();
            long during = samples.stream().filter(s -> s.startMs() >= 2000 && s.endMs() <= 4500)
                    .mapToLong(Sample::requests).max().orElseThrow();
            long after = samples.stream().filter(s -> s.startMs() >= 5000).mapToLong(Sample::successes).max()
                    .orElseThrow();
            assertThat(before).isGreaterThan(20);
            assertThat(during).as("the outage is a gap, not a burst of errors").isLessThan(30);
            assertThat(after).as("the load resumes").isGreaterThan(20);
        }
    }

    @Test
    void backoffGrowsAndIsCapped() {
        assertThat(RetryPolicy.backoffMs(1)).isEqualTo(100);
        assertThat(RetryPolicy.backoffMs(2)).isEqualTo(200);
        assertThat(RetryPolicy.backoffMs(5)).isEqualTo(1600);
        assertThat(RetryPolicy.backoffMs(6)).isEqualTo(2000);
        assertThat(RetryPolicy.backoffMs(1000)).isEqualTo(2000);
    }

    private static TimerTask task(Runnable r) {
        return new TimerTask() {
            @Override
            public void run() {
                r.run();
            }
        };
    }
}
