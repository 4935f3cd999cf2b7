package dev.mcpload.cli;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli.Result;
import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.TestConfig;
import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The command line as a user meets it: exit codes, what is printed, what is written. */
@Timeout(120)
class CliTest {
    @TempDir
    Path dir;



    private Path onlyReport(Path reports) throws Exception {
        try (Stream<Path> s = Files.list(reports)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().matches(
                    "loadtest-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d(-\\d+)?\\.json")).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    @Test
    void runWithoutUrlLoadsTheEmbeddedReferenceServerAndReports() throws Exception {
        Path reports = dir.resolve("reports");
        Result r = mcpload("run", "--duration", "2", "--report-dir", reports.toString(), "--progress", "plain",
                "--no-color", "--header", "X-Api-Key: s3cr3t-value");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("targeting the embedded reference server")
                .contains("mcp_req_duration............: p50=")
                .contains("mcp_req_success_count").contains("mcp_req_error_rate..........: 0.0%")
                .contains("mcp_req_throughput").contains("mcp_req_total").contains("mcp_req_elapsed")
                .contains("per-tool metrics").contains("divide")
                .contains("Breaking point: too short to judge").doesNotContain("No breaking point detected")
                .doesNotContain("s3cr3t-value");
        JsonNode report = Json.parse(Files.readAllBytes(onlyReport(reports)));
        assertThat(report.path("schema_version").asString()).isEqualTo("1.9");
        assertThat(report.path("metrics").path("latency").path("p99_ms").asDouble()).isPositive();
        assertThat(report.path("metrics").path("error_count").asLong()).isZero();
        assertThat(report.path("metrics").path("total_requests").asLong())
                .isEqualTo(report.path("metrics").path("success_count").asLong()).isPositive();
        assertThat(report.path("breaking_point").path("detected").asBoolean()).isFalse();
        assertThat(report.path("breaking_point").path("judged").asBoolean()).isFalse();
        assertThat(report.path("breaking_point").size()).isEqualTo(2);
        assertThat(report.path("config").path("settings").path("duration_secs").asInt()).isEqualTo(2);
        assertThat(report.path("config").path("headers").path("X-Api-Key").asString()).isEqualTo("<redacted>");
        assertThat(report.path("timeseries").size()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("per_tool").size()).isEqualTo(5);
        assertThat(new String(Files.readAllBytes(onlyReport(reports)), StandardCharsets.UTF_8))
                .doesNotContain("s3cr3t-value");
        JsonNode schema = Json.parse(Files.readAllBytes(dev.mcpload.report.JsonReportTest.SCHEMA));
        assertThat(new dev.mcpload.report.MiniSchema(schema).validate(report)).isEmpty();
    }

    @Test
    void runOverStdioStartsOneServerProcessPerVirtualUser() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.mcpload.server.StdioServer";
        Path cfg = dir.resolve("stdio.toml");
        Files.writeString(cfg, "[settings]\ntimeout_ms = 20000\n\n[[scenario]]\ntype = \"tools/call\"\n"
                + "tool = \"echo\"\narguments = { message = \"over stdio\" }\n");
        Path reports = dir.resolve("stdio-reports");
        Result r = mcpload("run", "--transport", "stdio", "--command", command, "--config", cfg.toString(),
                "--vus", "2", "--duration", "3", "--report-dir", reports.toString(), "--progress", "none");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = Json.parse(Files.readAllBytes(onlyReport(reports)));
        assertThat(report.path("transport").asString()).isEqualTo("stdio");
        assertThat(report.path("metrics").path("error_count").asLong()).isZero();
        assertThat(report.path("metrics").path("success_count").asLong()).isPositive();
        assertThat(report.path("metrics").path("sessions").path("opened").asLong()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerFailsInOneClearParagraph() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/mcp";
        Result r = mcpload("run", url, "--duration", "1", "--no-report");
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err()).contains("cannot open an MCP session with " + url)
                .contains("Is the server running").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aWrongPathNamesWhatTheServerAnswered() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            String url = "http://127.0.0.1:" + server.port() + "/nope";
            Result r = mcpload("run", url, "--duration", "1", "--no-report");
            assertThat(r.code()).isEqualTo(69);
            assertThat(r.err()).contains(url).contains("HTTP 404").contains("Is the path right");
        }
    }

    @Test
    void configErrorsNameFileLineAndKey() throws Exception {
        Path cfg = dir.resolve("bad.toml");
        Files.writeString(cfg, "[settings]\nvirtual_user = 3\n\n[[scenario]]\ntype = \"ping\"\n");
        Result r = mcpload("run", "--config", cfg.toString(), "--no-report");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(cfg + ":2:").contains("virtual_user").contains("did you mean 'virtual_users'");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(mcpload("run", "--vus", "0").code()).isEqualTo(2);
        Result r = mcpload("run", "--transport", "carrier-pigeon");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown transport 'carrier-pigeon'");
        assertThat(mcpload("run", "ftp://example.com/x").err()).contains("not an http:// or https:// URL");
    }

    @Test
    void initDiscoversTheServerAndTheConfigRunsAsWritten() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(
                ReferenceServerOptions.builder().pageSize(3).build())) {
            Path cfg = dir.resolve(".mcpload/loadtest.toml");
            Result init = mcpload("init", server.mcpUrl(), "--output", cfg.toString());
            assertThat(init.code()).as(init.err()).isZero();
            assertThat(init.out()).contains("Discovering server schema at " + server.mcpUrl())
                    .contains("Created " + cfg);
            TestConfig config = ConfigLoader.load(cfg);
            assertThat(config.scenarios()).extracting(s -> s.name())
                    .contains("add", "subtract", "multiply", "divide", "echo", "sleep", "mcpload://reference/readme",
                            "greeting").doesNotContain("fail");
            assertThat(config.scenarios()).allSatisfy(s -> assertThat(s.weight()).isGreaterThanOrEqualTo(1));
            assertThat(config.scenarios()).filteredOn(s -> s.name().equals("divide")).singleElement()
                    .satisfies(s -> assertThat(s.arguments().path("divisor").asDouble()).isNotZero());

            Result again = mcpload("init", server.mcpUrl(), "--output", cfg.toString());
            assertThat(again.code()).isEqualTo(2);
            assertThat(again.err()).contains("already exists").contains("--force");
            assertThat(mcpload("init", server.mcpUrl(), "--output", cfg.toString(), "--force").code()).isZero();

            Path reports = dir.resolve("r");
            Result run = mcpload("run", server.mcpUrl(), "--config", cfg.toString(), "--duration", "2", "--vus", "2",
                    "--report-dir", reports.toString(), "--progress", "none");
            assertThat(run.code()).as(run.err()).isZero();
            JsonNode report = Json.parse(Files.readAllBytes(onlyReport(reports)));
            // the reference tools are all annotated readOnlyHint: true, so init tried each once; the 'fail' tool,
            // which always fails, was left out with the reason
            assertThat(report.path("metrics").path("error_count").asLong())
                    .as(report.path("metrics").path("errors").toString()).isZero();
            assertThat(Files.readString(cfg)).contains("# tool = \"fail\"").contains("returned isError");
            // against the dual-era reference server init speaks 2026-07-28, where it also lists 'ask' (input_required),
            // which it leaves out for its description ("elicitation/create")
            assertThat(init.out()).contains("Found 8 tools, 1 resource, 1 prompt.")
                    .contains("Called 9 steps once").contains("8 ready").contains("1 failed when called")
                    .contains("1 may have side effects")
                    .contains("Run it with: mcpload run " + server.mcpUrl() + " --config " + cfg);
        }
    }

    @Test
    void initProbeFlagsThatCannotApplyAreUsageErrors() {
        Path cfg = dir.resolve("p.toml");
        Result both = mcpload("init", "http://127.0.0.1:1/mcp", "--probe", "--no-probe", "--output", cfg.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--probe and --no-probe contradict each other");
        Result template = mcpload("init", "--probe", "--output", cfg.toString());
        assertThat(template.code()).isEqualTo(2);
        assertThat(template.err()).contains("--probe applies to discovering a server");
        assertThat(cfg).doesNotExist();
    }

    @Test
    void initWithoutUrlWritesATemplateThatLoads() throws Exception {
        Path cfg = dir.resolve("t.toml");
        Result r = mcpload("init", "--output", cfg.toString());
        assertThat(r.code()).isZero();
        assertThat(ConfigLoader.load(cfg).scenarios()).hasSize(1);
        assertThat(Files.readString(cfg)).contains("[[stage]]").contains("expected_interval_ms");
        // its commented [session] and [thresholds] examples load too, once uncommented
        Path uncommented = dir.resolve("u.toml");
        Files.writeString(uncommented, uncomment(Files.readString(cfg), "# [session]", "# [thresholds]"));
        TestConfig c = ConfigLoader.load(uncommented);
        assertThat(c.session().listTools()).isEqualTo(dev.mcpload.engine.Refresh.WHEN_STALE);
        assertThat(c.session().discover()).isEqualTo(dev.mcpload.engine.Refresh.WHEN_STALE);
        assertThat(c.thresholds()).hasSize(3);
    }

    /** {@code text} with the commented blocks that start at each of {@code headers} (up to a blank line) active. */
    private static String uncomment(String text, String... headers) {
        StringBuilder out = new StringBuilder();
        boolean inBlock = false;
        for (String line : text.split("\n", -1)) {
            inBlock = inBlock ? !line.isBlank() : java.util.Arrays.asList(headers).contains(line);
            out.append(inBlock ? line.substring(2) : line).append('\n');
        }
        return out.toString();
    }

    @Test
    void ctrlCStopsTheRunAndStillWritesTheReport() throws Exception {
        Path reports = dir.resolve("interrupted");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.mcpload.cli.Main",
                "run", "--duration", "60", "--report-dir", reports.toString(), "--progress", "plain")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!Files.readString(dir.resolve("out.txt")).contains("vus 5/5")
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            p.destroy(); // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("out.txt"));
            assertThat(out).contains("mcp_req_total").contains("Interrupted");
            JsonNode report = Json.parse(Files.readAllBytes(onlyReport(reports)));
            assertThat(report.path("stop_reason").asString()).isEqualTo("interrupted");
            assertThat(report.path("metrics").path("total_requests").asLong()).isPositive();
        } finally {
            p.destroyForcibly();
        }
    }
}
