package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.LoadEngine;
import dev.mcpload.engine.Plan;
import dev.mcpload.engine.RetryPolicy;
import dev.mcpload.engine.Step;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.result.RunResult;
import dev.mcpload.result.RunResults;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every request sent is accounted for: against a server that never answers, with a 60 s timeout and a 2 s run,
 * the calls still unanswered when the graceful stop runs out (or on interrupt) are counted as unfinished, in
 * the totals and the error rate (before: 0 requests, 0 errors, error rate 0).
 */
@Timeout(60)
class UnfinishedRequestsTest {
    private static final Step CALL = new Step(new MetricKey("tools/call", "hang"),
            McpRequests.toolsCall("hang", Json.object()), 1);

    private static RunResult run(boolean interrupt) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.on("tools/call", (request, exchange) -> server.closing.await(30, TimeUnit.SECONDS));
            Plan plan = Plan.of(new ConstantVusExecutor(3, 2000), List.of(CALL))
                    .withLimits(new Plan.Limits(0, 60_000, 256, 500))
                    .withSampling(new Plan.Sampling(500, CoordinatedOmission.derived(0, 0)));
            MetricsRegistry metrics = new MetricsRegistry();
            try (McpClient client = new McpClient(ClientOptions.http(server.url()).withRequestTimeoutMs(60_000))) {
                LoadEngine engine = new LoadEngine(plan, client, metrics, List.of());
                if (interrupt) {
                    new java.util.Timer(true).schedule(new java.util.TimerTask() {
                        @Override
                        public void run() {
                            engine.requestStop();
                        }
                    }, 1000);
                }
                long t0 = System.nanoTime();
                LoadEngine.Outcome outcome = engine.run();
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(tookMs).as("no waiting for the 60 s deadline").isLessThan(15_000);
                return RunResults.from(outcome, metrics, server.url(), "streamable_http", RunResult.ServerInfo.UNKNOWN,
                        Json.object(), Instant.now(), 3, 0);
            }
        }
    }

    @Test
    void callsUnansweredAtTheEndOfTheScheduleAreCountedAsUnfinished() throws Exception {
        RunResult r = run(false);
        KeyTotals t = r.operations().get(CALL.key());
        assertThat(t.errors()).containsEntry(ErrorClass.UNFINISHED, 3L);
        assertThat(t.requests()).isEqualTo(3);
        assertThat(r.errorsByClass()).containsEntry(ErrorClass.UNFINISHED, 3L);
        assertThat(r.errorRate()).isEqualTo(0.5); // 3 unfinished calls of 6 requests (3 initialize succeeded)
        assertThat(r.errorExamples()).anySatisfy(e -> assertThat(e.message()).contains("when the run ended"));
    }

    @Test
    void callsUnansweredOnInterruptAreCountedToo() throws Exception {
        RunResult r = run(true);
        assertThat(r.operations().get(CALL.key()).errors()).containsEntry(ErrorClass.UNFINISHED, 3L);
        assertThat(r.stopReason()).isEqualTo("interrupted");
    }
}
