package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.LoadEngine;
import dev.mcpload.engine.Plan;
import dev.mcpload.engine.RetryPolicy;
import dev.mcpload.engine.Step;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A 429 with Retry-After is honoured as real clients do (configurable), so the VU waits instead of hammering. */
@Timeout(60)
class RetryAfterTest {
    private static long callsAgainstA429(boolean honor) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.on("tools/call", (request, exchange) -> {
                exchange.getResponseHeaders().set("Retry-After", "1");
                ScriptedServer.json(exchange, 429, "{\"error\":\"slow down\"}");
            });
            Step add = new Step(new MetricKey("tools/call", "add"),
                    McpRequests.toolsCall("add", Json.object().put("a", 1)), 1);
            Plan plan = Plan.of(new ConstantVusExecutor(2, 3500), List.of(add))
                    .withSession(new Plan.SessionPolicy(0, new RetryPolicy(honor)))
                    .withLimits(new Plan.Limits(0, 2000, 256, 3000))
                    .withSampling(new Plan.Sampling(500, CoordinatedOmission.derived(0, 0)));
            MetricsRegistry metrics = new MetricsRegistry();
            LoadEngine.Outcome outcome;
            try (McpClient client = new McpClient(ClientOptions.http(server.url()).withRequestTimeoutMs(2000))) {
                outcome = new LoadEngine(plan, client, metrics, List.of()).run();
            }
            long http = outcome.sampler().totals().get(add.key()).errors().getOrDefault(ErrorClass.HTTP, 0L);
            long seen = server.all.stream().filter(r -> "tools/call".equals(r.method())).count();
            assertThat(http).as("every 429 is counted once").isEqualTo(seen);
            if (honor) {
                // each VU's calls are at least a second apart
                List<Long> times = server.all.stream().filter(r -> "tools/call".equals(r.method()))
                        .map(ScriptedServer.Request::nanoTime).sorted().toList();
                assertThat(times.size()).isLessThanOrEqualTo(2 * 4);
            }
            return seen;
        }
    }

    @Test
    void retryAfterIsHonouredByDefaultAndCanBeIgnored() throws Exception {
        long honoured = callsAgainstA429(true);
        assertThat(honoured).isBetween(2L, 8L); // 2 VUs, 3.5 s, one call per second each
        long ignored = callsAgainstA429(false);
        assertThat(ignored).isGreaterThan(40);
    }
}
