package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.SavedReports;
import dev.mcpload.testing.InProcessCli;
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
            InProcessCli.Result r = InProcessCli.mcpload("ceiling", server.mcpUrl(), "--config", config.toString(),
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
        JsonNode json = SavedReports.onlyJson(reports);
        assertThat(json.path("server").path("era").asString()).isEqualTo(era);
        JsonNode ceiling = json.path("ceiling");
        assertThat(ceiling.path("sessions").asInt()).isEqualTo(4);
        assertThat(ceiling.path("steps")).hasSize(4);
        assertThat(ceiling.path("recommendation").path("trigger_sessions").asInt()).isEqualTo(3);
        RunResult back = ReportReader.toRunResult(ReportReader.read(SavedReports.only(reports, ".json")));
        assertThat(back.ceiling()).isPresent();
        assertThat(back.ceiling().get().ceiling()).isEqualTo(4);
        assertThat(back.ceiling().get().steps()).extracting(s -> s.sessions()).isEqualTo(List.of(1, 4, 16, 16));
    }

    /**
     * Thresholds on what the search found ({@code mcp_ceiling}), against the known ceiling of 4: one held, one
     * failed (exit 99), both in the summary and the report; a request threshold in the same config is run's, so
     * ceiling leaves it with a warning; run refuses a ceiling threshold given to it.
     */
    @Test
    void thresholdsJudgeTheCeilingFoundAndAFailedOneExits99() throws Exception {
        Path config = dir.resolve("loadtest.toml");
        Files.writeString(config, """
                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                arguments = { ms = 20 }

                [thresholds]
                mcp_ceiling = "value >= 4"
                mcp_req_duration = "p(99) < 1"
                """);
        Path reports = dir.resolve("reports");
        InProcessCli.Result r;
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().maxConcurrency(4)
                .build())) {
            r = InProcessCli.mcpload("ceiling", server.mcpUrl(), "--config", config.toString(),
                    "--steps", "1,4,16", "--max-sessions", "16", "--hold", "2s", "--settle", "1s",
                    "--slo-p99", "50ms", "--report-dir", reports.toString(), "--no-color",
                    "--threshold", "mcp_ceiling=value>=8");
        }
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Errors.THRESHOLDS_FAILED);
        assertThat(r.out()).containsPattern("✓ mcp_ceiling\\s+value >= 4\\s+value=4")
                .containsPattern("✗ mcp_ceiling\\s+value >= 8\\s+value=4").contains("1 of 2 failed");
        assertThat(r.err()).contains("the threshold mcp_req_duration 'p(99) < 1' is judged by mcpload run, not"
                + " ceiling");
        JsonNode thresholds = SavedReports.onlyJson(reports).path("thresholds");
        assertThat(thresholds).hasSize(2);
        assertThat(thresholds.get(0).path("metric").asString()).isEqualTo("mcp_ceiling");
        assertThat(thresholds.get(0).path("observed").asDouble()).isEqualTo(4.0);
        assertThat(thresholds.get(0).path("passed").asBoolean()).isTrue();
        assertThat(thresholds.get(1).path("passed").asBoolean()).isFalse();
        // a ceiling is a figure compare knows too: a gate on it, on two ceiling reports
        String report = SavedReports.only(reports, ".json").toString();
        InProcessCli.Result compared = InProcessCli.mcpload("compare", report, report, "--no-color", "--fail-on",
                "mcp_ceiling < -10%");
        assertThat(compared.code()).as(compared.out() + compared.err()).isZero();
        assertThat(compared.out()).containsPattern("mcp_ceiling\\s+4\\s+4").contains("✓ mcp_ceiling < -10%");

        InProcessCli.Result run = InProcessCli.mcpload("run", "--duration", "1", "--no-report", "--threshold",
                "mcp_ceiling=value>=4");
        assertThat(run.code()).isEqualTo(Errors.USAGE);
        assertThat(run.err()).contains("run does not judge mcp_ceiling").contains("mcpload ceiling --threshold");
        Path abort = Files.writeString(dir.resolve("abort.toml"), """
                [thresholds]
                mcp_ceiling = { threshold = "value >= 4", abort_on_fail = true }
                """);
        InProcessCli.Result bad = InProcessCli.mcpload("ceiling", "http://127.0.0.1:9/mcp", "--config", abort.toString());
        assertThat(bad.code()).isEqualTo(Errors.USAGE);
        assertThat(bad.err()).contains("abort.toml").contains("abort_on_fail has nothing to stop");
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
            CompletableFuture<InProcessCli.Result> run = CompletableFuture.supplyAsync(() -> InProcessCli.mcpload("ceiling",
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
            InProcessCli.Result r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Session ceiling: 4 sessions")
                    .contains("the SLO broke at 16 sessions, confirmed by a repeat");
            // the capacity table shows the noisy attempt and its repeat: 1, 4 (broke), 4 (held), 16, 16
            assertThat(r.out().lines().filter(l -> l.matches("\\s*4\\s.*")).count()).as(r.out()).isEqualTo(2);
        }
    }

    @Test
    void badFlagsGetOneParagraph() {
        InProcessCli.Result r = InProcessCli.mcpload("ceiling", "http://127.0.0.1:9/mcp", "--hold", "ten");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--hold ten: not a duration");
        r = InProcessCli.mcpload("ceiling", "http://127.0.0.1:9/mcp", "--max-error-rate", "150%");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--max-error-rate 150%");
        r = InProcessCli.mcpload("run", "http://127.0.0.1:9/mcp", "--duration", "5x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--duration 5x: whole seconds");
    }
}
