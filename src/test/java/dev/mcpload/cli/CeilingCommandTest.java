package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReportTest;
import dev.mcpload.report.MiniSchema;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void findsTheKnownCeilingOfAServerPrintsItAndReportsIt() throws Exception {
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
                    "--slo-p99", "50ms", "--report-dir", reports.toString(), "--no-color");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Session ceiling: 4 sessions")
                    .contains("the SLO broke at 16 sessions, confirmed by a repeat")
                    .contains("Scale out at 3 sessions per instance")
                    .contains("averageValue: \"3\"");
        }
        Path report;
        try (Stream<Path> s = Files.list(reports)) {
            report = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode json = Json.parse(Files.readAllBytes(report));
        assertThat(new MiniSchema(Json.parse(Files.readAllBytes(JsonReportTest.SCHEMA))).validate(json)).isEmpty();
        JsonNode ceiling = json.path("ceiling");
        assertThat(ceiling.path("sessions").asInt()).isEqualTo(4);
        assertThat(ceiling.path("steps")).hasSize(4);
        assertThat(ceiling.path("recommendation").path("trigger_sessions").asInt()).isEqualTo(3);
        RunResult back = ReportReader.toRunResult(ReportReader.read(report));
        assertThat(back.ceiling()).isPresent();
        assertThat(back.ceiling().get().ceiling()).isEqualTo(4);
        assertThat(back.ceiling().get().steps()).extracting(s -> s.sessions()).isEqualTo(List.of(1, 4, 16, 16));
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
