package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.SavedReports;
import dev.mcpload.testing.InProcessCli;
import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * [session] keys reach the client through the real CLI: the standalone stream is held by default, or not; server
 * requests are answered as client_capabilities declares, and counted in the summary and the report.
 */
@Timeout(60)
class SessionKeysCliTest {
    @TempDir
    Path dir;

    private int streamRequests(String session) throws Exception {
        Path config = dir.resolve("t" + session.hashCode() + ".toml");
        Files.writeString(config, session + "\n[[scenario]]\ntype = \"ping\"\n");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            InProcessCli.Result r = InProcessCli.mcpload("run", server.mcpUrl(), "--config", config.toString(), "--vus", "3",
                    "--duration", "1", "--no-report", "-q", "--protocol-era", "legacy"); // 2026-07-28 has no stream
            assertThat(r.code()).as(r.err()).isZero();
            return server.standaloneStreamRequests();
        }
    }

    @Test
    void eachSessionHoldsTheStandaloneStreamUnlessTheConfigSaysNot() throws Exception {
        // one stream per VU (the preflight session may close before its stream is asked for)
        assertThat(streamRequests("")).isBetween(3, 4);
        assertThat(streamRequests("[session]\nstandalone_stream = false")).isZero();
    }

    @Test
    void serverRequestsAreAnsweredAsDeclaredAndCountedInTheSummaryAndTheReport() throws Exception {
        Path config = dir.resolve("caps.toml");
        Files.writeString(config, "[session]\nclient_capabilities = [\"sampling\"]\n[[scenario]]\ntype = \"ping\"\n");
        Path reports = dir.resolve("reports");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            CompletableFuture<InProcessCli.Result> run = CompletableFuture.supplyAsync(() -> InProcessCli.mcpload("run",
                    server.mcpUrl(), "--config", config.toString(), "--vus", "2", "--duration", "3",
                    "--report-dir", reports.toString(), "--progress", "none", "--no-color",
                    "--protocol-era", "legacy")); // server requests on the standalone stream: a legacy-era feature
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (server.openStandaloneStreams() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(server.openStandaloneStreams()).as("both VUs hold their stream").isEqualTo(2);
            int streams = 0;
            for (String method : new String[] {"ping", "sampling/createMessage", "elicitation/create"}) {
                streams += server.sendOnStandaloneStreams(Json.object().put("jsonrpc", "2.0")
                        .put("id", "srv-" + method).put("method", method).set("params", Json.object()));
            }
            assertThat(streams).isEqualTo(6);
            InProcessCli.Result r = run.get(30, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("mcp_server_requests").contains("elicitation/create 2, ping 2,"
                    + " sampling/createMessage 2").contains("2 refused");
        }
        JsonNode requests = SavedReports.onlyJson(reports).path("metrics").path("server_requests");
        assertThat(requests.path("ping").path("received").asLong()).isEqualTo(2);
        assertThat(requests.path("ping").path("answered").asLong()).isEqualTo(2);
        assertThat(requests.path("sampling/createMessage").path("answered").asLong()).isEqualTo(2);
        assertThat(requests.path("elicitation/create").path("received").asLong()).isEqualTo(2);
        assertThat(requests.path("elicitation/create").path("answered").asLong()).as("not declared").isZero();
    }

    @Test
    void initializeIsReportedPerStageOfARamp() throws Exception {
        Path config = dir.resolve("stages.toml");
        Files.writeString(config, """
                [session]
                calls = 3
                standalone_stream = false
                [[scenario]]
                type = "ping"
                [[stage]]
                target_vus = 2
                duration_secs = 2
                [[stage]]
                target_vus = 4
                duration_secs = 2
                """);
        Path reports = dir.resolve("stage-reports");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            InProcessCli.Result r = InProcessCli.mcpload("run", server.mcpUrl(), "--config", config.toString(),
                    "--report-dir", reports.toString(), "--progress", "none", "--no-color");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("  stage 1/2").contains("  stage 2/2").contains("handshakes");
        }
        JsonNode json = SavedReports.onlyJson(reports);
        // a VU between two of its sessions is still a VU at work: churn does not empty the time series
        assertThat(json.path("timeseries").get(0).path("vus").asInt()).isPositive();
        // sessions held over time: the running sum of opened less closed, never more than the VUs, none at the end
        long opened = 0;
        long closed = 0;
        for (JsonNode i : json.path("intervals")) {
            opened += i.path("sessions_opened").asLong();
            closed += i.path("sessions_closed").asLong();
            assertThat(json.path("timeseries").get(i.path("index").asInt()).path("sessions").asLong())
                    .isEqualTo(opened - closed).isBetween(0L, 4L);
        }
        assertThat(opened).isEqualTo(json.path("metrics").path("sessions").path("opened").asLong());
        JsonNode init = json.path("metrics").path("initialize");
        JsonNode byStage = init.path("by_stage");
        assertThat(byStage).hasSize(2);
        assertThat(byStage.get(0).path("stage").asInt()).isEqualTo(1);
        assertThat(byStage.get(1).path("stage").asInt()).isEqualTo(2);
        long sum = 0;
        for (JsonNode stage : byStage) {
            assertThat(stage.path("count").asLong()).isPositive();
            assertThat(stage.path("latency").path("p99_ms").asDouble()).isPositive();
            sum += stage.path("count").asLong();
        }
        assertThat(sum).as("every handshake in exactly one stage").isEqualTo(init.path("count").asLong());
    }
}
