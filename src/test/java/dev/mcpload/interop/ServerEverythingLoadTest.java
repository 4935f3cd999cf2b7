package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.cli.Main;
import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.ScenarioStep;
import dev.mcpload.config.TestConfig;
import dev.mcpload.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The loadtest chapter's workflow against the official TypeScript server: {@code init URL} writes a config
 * that leaves out the tool that reaches the internet and those the server says modify it, {@code run} loads
 * the server with it through real sessions and a stage, and the report adds up.
 */
@Timeout(120)
class ServerEverythingLoadTest {
    @TempDir
    Path dir;

    @Test
    void initThenRunWithStagesAgainstServerEverything() throws Exception {
        try (ServerEverything server = ServerEverything.start(ServerEverything.Mode.STREAMABLE_HTTP)) {
            Path cfg = dir.resolve(".mcpload/loadtest.toml");
            assertThat(Main.execute("init", server.url(), "--output", cfg.toString())).isZero();
            String text = Files.readString(cfg);
            // gzip-file-as-resource fetches a URL from the internet (openWorldHint: true): never called, commented
            // out; the toggles say readOnlyHint: false, so they are left out too. echo and get-sum are annotated
            // readOnlyHint: true, so plain init (no --probe) tried them and wrote them active.
            assertThat(text).contains("# tool = \"gzip-file-as-resource\"").contains("openWorldHint: true")
                    .contains("# tool = \"toggle-simulated-logging\"").contains("readOnlyHint: false");
            TestConfig config = ConfigLoader.load(cfg);
            assertThat(config.scenarios()).extracting(ScenarioStep::name)
                    .contains("echo", "get-sum", "args-prompt")
                    .doesNotContain("gzip-file-as-resource", "toggle-simulated-logging", "toggle-subscriber-updates");

            // a short ramp: 0 → 3 VUs over 2 s, then back to 0 over 2 s
            String staged = text + "\n[[stage]]\ntarget_vus = 3\nduration_secs = 2\n\n"
                    + "[[stage]]\ntarget_vus = 0\nduration_secs = 2\n";
            Files.writeString(cfg, staged);
            Path reports = dir.resolve("reports");
            int code = Main.execute("run", server.url(), "--config", cfg.toString(), "--report-dir",
                    reports.toString(), "--progress", "plain", "--seed", "5");
            assertThat(code).isZero();
            JsonNode report;
            try (Stream<Path> s = Files.list(reports)) {
                List<Path> files = s.toList();
                assertThat(files).hasSize(1);
                report = Json.parse(Files.readAllBytes(files.get(0)));
            }
            JsonNode m = report.path("metrics");
            assertThat(m.path("total_requests").asLong()).isPositive();
            assertThat(m.path("error_count").asLong()).as(report.path("error_examples").toString()).isZero();
            assertThat(m.path("sessions").path("opened").asLong()).isEqualTo(3);
            assertThat(m.path("sessions").path("closed").asLong()).isEqualTo(3);
            assertThat(report.path("transport").asString()).isEqualTo("streamable_http");
            assertThat(report.path("server").path("name").asString()).isNotEmpty();
            assertThat(report.path("config").path("stages").size()).isEqualTo(2);
            long perTool = 0;
            for (JsonNode t : report.path("per_tool")) {
                perTool += t.path("requests").asLong();
            }
            // every request counts once: the operations' rows plus session setup
            assertThat(perTool + m.path("initialize").path("count").asLong())
                    .isEqualTo(m.path("total_requests").asLong());
            assertThat(report.path("timeseries")).anySatisfy(s -> assertThat(s.path("stage").asInt()).isEqualTo(2));
        }
    }
}
