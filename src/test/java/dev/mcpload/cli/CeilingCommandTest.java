package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReportTest;
import dev.mcpload.report.MiniSchema;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.testing.FaultProxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code mcpload ceiling} end to end against a real server with a known ceiling: the reference server serving at
 * most 4 tool calls at once, each sleep(20 ms). 4 sessions wait ~20 ms, 16 wait ~80 ms: with p99 <= 50 ms, the
 * ceiling is 4, exactly.
 */
@Timeout(90)
class CeilingCommandTest {
    @TempDir
    Path dir;

    /** The same server in each era: a session ceiling (legacy), or a concurrency ceiling of clients (2026-07-28). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"legacy", "modern"})
    void findsTheKnownCeilingOfAServerPrintsItAndReportsIt(String era) throws Exception {
        boolean modern = era.equals("modern");
        String units = modern ? "clients" : "sessions";
        Path config = dir.resolve("loadtest.toml");
        Files.writeString(config, """
                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                arguments = { ms = 20 }
                """);
        Path reports = dir.resolve("reports");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().maxConcurrency(4)
                .build())) {
            CliTest.Result r = CliTest.mcpload("ceiling", server.mcpUrl(), "--config", config.toString(),
                    "--steps", "1,4,16", "--max-sessions", "16", "--hold", "2s", "--settle", "1s",
                    "--slo-p99", "50ms", "--report-dir", reports.toString(), "--no-color", "--protocol-era", era);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains((modern ? "Concurrency ceiling: 4 " : "Session ceiling: 4 ") + units)
                    .contains("Searching the " + (modern ? "concurrency ceiling" : "session ceiling"))
                    .contains("the SLO broke at 16 " + units + ", confirmed by a repeat")
                    .contains("Scale out at 3 " + units + " per instance")
                    .contains(modern ? "mcp_inflight_requests" : "mcp_active_sessions")
                    .contains("averageValue: \"3\"");
        }
        JsonNode json = Reports.onlyJson(reports);
        assertThat(json.path("server").path("era").asString()).isEqualTo(era);
        JsonNode ceiling = json.path("ceiling");
        assertThat(ceiling.path("sessions").asInt()).isEqualTo(4);
        assertThat(ceiling.path("steps")).hasSize(4);
        assertThat(ceiling.path("recommendation").path("trigger_sessions").asInt()).isEqualTo(3);
        RunResult back = ReportReader.toRunResult(ReportReader.read(Reports.only(reports, ".json")));
        assertThat(back.ceiling()).isPresent();
        assertThat(back.ceiling().get().ceiling()).isEqualTo(4);
        assertThat(back.ceiling().get().steps()).extracting(s -> s.sessions()).isEqualTo(List.of(1, 4, 16, 16));
    }

    @Test
    void oneNoisyStepOnARealServerIsRepeatedAndDoesNotEndTheSearch() throws Exception {
        Path config = dir.resolve("noisy.toml");
        Files.writeString(config, """
                [session]
                standalone_stream = false
                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                arguments = { ms = 20 }
                """);
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().maxConcurrency(4)
                .build()); FaultProxy proxy = new FaultProxy(server.port())) {
            CompletableFuture<CliTest.Result> run = CompletableFuture.supplyAsync(() -> CliTest.mcpload("ceiling",
                    proxy.url("/mcp"), "--config", config.toString(), "--steps", "1,4,16", "--max-sessions", "16",
                    "--hold", "2s", "--settle", "1s", "--slo-p99", "50ms", "--no-report", "--no-color",
                    "--protocol-era", "legacy")); // legacy: the wait below watches the server's sessions
            // The noise: once the 4-session step has begun, one 600 ms stall of every connection, inside its
            // measured window (after the 1 s settle, before its 2 s hold ends). Its p99 breaks the SLO; the
            // repeat of the step, without the stall, holds it.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.activeSessions() < 4 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(server.activeSessions()).as("the 4-session step began").isGreaterThanOrEqualTo(4);
            Thread.sleep(1400);
            proxy.stall(600);
            CliTest.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Session ceiling: 4 sessions")
                    .contains("the SLO broke at 16 sessions, confirmed by a repeat");
            // the capacity table shows the noisy attempt and its repeat: 1, 4 (broke), 4 (held), 16, 16
            assertThat(r.out().lines().filter(l -> l.matches("\\s*4\\s.*")).count()).as(r.out()).isEqualTo(2);
        }
    }

    @Test
    void badFlagsGetOneParagraph() {
        CliTest.Result r = CliTest.mcpload("ceiling", "http://127.0.0.1:9/mcp", "--hold", "ten");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--hold ten: not a duration");
        r = CliTest.mcpload("ceiling", "http://127.0.0.1:9/mcp", "--max-error-rate", "150%");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--max-error-rate 150%");
        r = CliTest.mcpload("run", "http://127.0.0.1:9/mcp", "--duration", "5x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--duration 5x: whole seconds");
    }
}
