package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Numbers a new user found misleading, through the command line against the reference server. */
@Timeout(60)
class HonestNumbersTest {
    @TempDir
    Path dir;

    /**
     * Sessions that never open are errors a user sees: against a server that holds 5 sessions, 10 VUs make failed
     * initialize requests, and they show in the error count and rate, the live line, the summary (apart and in
     * the total), the report, and as "10 wanted, at most 5 held a session" (before: errors=0, exit 0, "vus: 10").
     */
    @Test
    void failedSessionSetupsCountAsErrorsEverywhere() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().maxSessions(5).build())) {
            Path reports = dir.resolve("reports");
            InProcessCli.Result r = InProcessCli.mcpload("run", server.mcpUrl(), "--vus", "10", "--duration", "3",
                    "--report-dir", reports.toString(), "--progress", "plain", "--no-color",
                    "--protocol-era", "legacy"); // the server's session limit refuses initialize: a legacy-era setup
            assertThat(r.code()).as(r.err()).isZero();
            String out = r.out();
            assertThat(out).containsPattern("vus 5/10 .*init_errors=\\d+");
            assertThat(out).contains("vus:       10 wanted, at most 5 held a session");
            assertThat(out).containsPattern("mcp_req_error_count\\.+: \\d+  \\(\\d+ in session setup\\)");
            assertThat(out).doesNotContain("mcp_req_error_rate..........: 0.0%");
            assertThat(out).containsPattern("mcp_init_duration\\.+: .*errors=\\d+ of \\d+");
            assertThat(out).contains("[http] initialize: ");

            Path file;
            try (Stream<Path> s = Files.list(reports)) {
                file = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            JsonNode report = Json.parse(Files.readAllBytes(file));
            assertThat(report.path("server").path("era").asString()).as("pinned").isEqualTo("legacy");
            JsonNode m = report.path("metrics");
            long setupErrors = m.path("initialize").path("error_count").asLong();
            assertThat(setupErrors).isGreaterThanOrEqualTo(5);
            assertThat(m.path("error_count").asLong()).isGreaterThanOrEqualTo(setupErrors);
            assertThat(m.path("error_rate").asDouble()).isPositive();
            assertThat(m.path("errors").path("http").asLong()).isGreaterThanOrEqualTo(setupErrors);
            assertThat(m.path("total_requests").asLong())
                    .isEqualTo(m.path("success_count").asLong() + m.path("error_count").asLong());
            assertThat(m.path("sessions").path("peak_held").asInt()).isEqualTo(5);
            long inSeries = 0;
            for (JsonNode s : report.path("timeseries")) {
                inSeries += s.path("setup_errors").asLong();
            }
            assertThat(inSeries).isEqualTo(setupErrors);
        }
    }

    /** The user's report: expected_interval_ms = 100 and a tool that always takes 300 ms gave p50=207ms. */
    @Test
    void aSlowToolIsNeverReportedFasterThanItAnswered() throws Exception {
        Path config = dir.resolve("slow.toml");
        Files.writeString(config, """
                [settings]
                virtual_users = 2
                duration_secs = 3
                expected_interval_ms = 100

                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                arguments = { ms = 300 }
                """);
        InProcessCli.Result r = InProcessCli.mcpload("run", "--config", config.toString(), "--no-report", "--progress", "none",
                "--no-color");
        assertThat(r.code()).as(r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("mcp_req_duration\\.+: p50=(\\d+)ms").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(300);
    }
}
