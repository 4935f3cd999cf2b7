package dev.mcpload.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

public class JsonReportTest {
    public static final Path SCHEMA = Path.of(System.getProperty("mcpload.projectDir", "."), "docs", "report.schema.json");

    static RunResult sample() {
        Map<MetricKey, KeyTotals> totals = new TreeMap<>();
        Histogram raw = Latencies.newHistogram();
        Histogram corrected = Latencies.newHistogram();
        for (int i = 1; i <= 1000; i++) {
            raw.recordValue(i * 10L);
            corrected.recordValueWithExpectedInterval(i * 10L, 1000);
        }
        totals.put(new MetricKey("tools/call", "add"), KeyTotals.of(new MetricKey("tools/call", "add"), raw, corrected,
                1000, Map.of(ErrorClass.TIMEOUT, 5L, ErrorClass.TOOL_ERROR, 2L)));
        totals.put(new MetricKey("resources/read", "file:///x"), KeyTotals.of(new MetricKey("resources/read",
                "file:///x"), raw, raw, 1000, Map.of()));
        totals.put(MetricKey.INITIALIZE, KeyTotals.of(MetricKey.INITIALIZE, raw, raw, 10, Map.of(ErrorClass.HTTP, 1L)));
        ObjectNode cfg = Json.object();
        cfg.put("source", "x.toml");
        ObjectNode settings = cfg.putObject("settings");
        settings.put("virtual_users", 10).put("duration_secs", 4).put("timeout_ms", 5000)
                .put("expected_interval_ms", 100).put("request_interval_ms", 0);
        cfg.putArray("scenario").addObject().put("type", "tools/call").put("weight", 1.0).put("tool", "add")
                .putObject("arguments").put("a", 1);
        cfg.putArray("stages").addObject().put("target_vus", 10).put("duration_secs", 4);
        cfg.put("executor", "ramping-vus").put("iterations", 0).put("seed", 1).put("transport", "auto");
        cfg.putObject("headers").put("Authorization", "<redacted>");
        List<Sample> samples = List.of(
                new Sample(0, 0, 2000, 1, 5, 5, 1, 100, 95, Map.of(ErrorClass.TIMEOUT, 5L), 0, 1, 2, 3, 2.5, 4, 0, 0),
                new Sample(1, 2000, 4000, 2, 10, 10, 1, 100, 100, Map.of(), 0, 1, 2, 3, 2.5, 4, 1, 0));
        return new RunResult("http://127.0.0.1:1/mcp", "streamable_http", new RunResult.ServerInfo("s", "1", "2025-11-25"),
                cfg, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:04Z"), 4000, 10, 1, totals,
                samples, Optional.of(new BreakingPoint(10, "error_rate_spike", "Error rate 15.0% exceeds ...", 4000,
                        "2026-01-01T00:00:04Z")), true, new RunResult.Counters(10, 10, 1, 3, 0, 10, 0, dev.mcpload.metrics.SessionLengths.NONE,
                        java.util.Map.of("ping", new dev.mcpload.metrics.ServerRequests.Count(4, 4))),
                List.of(new ErrorExamples.Example(ErrorClass.TIMEOUT, "tools/call add", "no response")), "completed", List.of(), Optional.empty(), List.of());
    }

    @Test
    void everyFieldIsDescribedByTheSchema() throws Exception {
        JsonNode schema = Json.parse(Files.readAllBytes(SCHEMA));
        ObjectNode report = JsonReport.build(sample());
        assertThat(new MiniSchema(schema).validate(report)).isEmpty();
        ObjectNode noBreak = JsonReport.build(new RunResult(sample().target(), "sse", sample().server(),
                sample().configAsRun(), sample().startedAt(), sample().endedAt(), 4000, 1, 0, sample().totals(),
                List.of(), Optional.empty(), false, sample().counters(), List.of(), "interrupted", List.of(), Optional.empty(),
                List.of()));
        assertThat(new MiniSchema(schema).validate(noBreak)).isEmpty();
        assertThat(noBreak.path("breaking_point").toString()).isEqualTo("{\"detected\":false,\"judged\":false}");
    }

    @Test
    void everyErrorClassIsDocumentedAndTheGeneratorsReadsBack() throws Exception {
        JsonNode schema = Json.parse(Files.readAllBytes(SCHEMA));
        JsonNode documented = schema.path("$defs").path("errors").path("properties");
        java.util.Set<String> examples = new java.util.HashSet<>();
        schema.path("properties").path("error_examples").path("items").path("properties").path("class")
                .path("enum").forEach(e -> examples.add(e.asString()));
        for (ErrorClass c : ErrorClass.values()) {
            assertThat(documented.path(c.label()).path("description").asString()).as(c.label()).isNotBlank();
            assertThat(examples).as("error_examples[].class").contains(c.label());
        }
        assertThat(examples).hasSize(ErrorClass.values().length);
        assertThat(documented.path("generator").path("description").asString()).contains("not the server's fault");
        // issue 17: a run where mcpload ran out of memory writes the class, and a reader gets it back
        RunResult base = sample();
        Map<MetricKey, KeyTotals> totals = new TreeMap<>(base.totals());
        MetricKey add = new MetricKey("tools/call", "add");
        totals.put(add, KeyTotals.of(add, base.totals().get(add).raw(), base.totals().get(add).corrected(), 1000,
                Map.of(ErrorClass.TIMEOUT, 5L, ErrorClass.GENERATOR, 3L)));
        RunResult r = new RunResult(base.target(), base.transport(), base.server(), base.configAsRun(),
                base.startedAt(), base.endedAt(), 4000, 10, 1, totals,
                List.of(new Sample(0, 0, 2000, 1, 5, 5, 1, 100, 97, Map.of(ErrorClass.GENERATOR, 3L), 0, 1, 2, 3,
                        2.5, 4, 0, 0)), Optional.empty(), true, base.counters(),
                List.of(new ErrorExamples.Example(ErrorClass.GENERATOR, "tools/call add", "mcpload ran out of memory")),
                "completed", List.of(), Optional.empty(), List.of());
        ObjectNode report = JsonReport.build(r);
        assertThat(new MiniSchema(schema).validate(report)).isEmpty();
        assertThat(report.path("metrics").path("errors").path("generator").asLong()).isEqualTo(3);
        assertThat(report.path("metrics").path("error_count").asLong()).as("counted as an error").isEqualTo(9);
        assertThat(report.path("timeseries").get(0).path("errors").path("generator").asLong()).isEqualTo(3);
        assertThat(report.path("error_examples").get(0).path("class").asString()).isEqualTo("generator");
        RunResult back = dev.mcpload.result.ReportReader.toRunResult(dev.mcpload.result.ReportReader.read(
                JsonReport.bytes(r)));
        assertThat(back.errorsByClass()).containsEntry(ErrorClass.GENERATOR, 3L);
        assertThat(back.errorExamples()).extracting(ErrorExamples.Example::errorClass)
                .containsExactly(ErrorClass.GENERATOR);
        assertThat(ErrorClass.ofLabel("generator")).isEqualTo(ErrorClass.GENERATOR);
    }

    @Test
    void theSchemaCatchesDrift() throws Exception {
        JsonNode schema = Json.parse(Files.readAllBytes(SCHEMA));
        ObjectNode report = JsonReport.build(sample());
        report.putObject("metrics").put("surprise", 1);
        assertThat(new MiniSchema(schema).validate(report)).isNotEmpty();
    }

    @Test
    void figuresAreTheHistogramsAndCountsAreLogical() throws Exception {
        ObjectNode report = JsonReport.build(sample());
        JsonNode m = report.path("metrics");
        // every request counts, session setup included: 2,007 operations + 11 initialize (1 failed)
        assertThat(m.path("total_requests").asLong()).isEqualTo(2018);
        assertThat(m.path("error_count").asLong()).isEqualTo(8);
        assertThat(m.path("errors").path("http").asLong()).isEqualTo(1);
        assertThat(m.path("initialize").path("error_count").asLong()).isEqualTo(1);
        assertThat(m.path("errors").path("timeout").asLong()).isEqualTo(5);
        assertThat(m.path("errors").path("tool_error").asLong()).isEqualTo(2);
        assertThat(m.path("latency_raw").path("p50_ms").asDouble()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(m.path("throughput_rps").asDouble()).isCloseTo(504.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.path("breaking_point").path("vus").asInt()).isEqualTo(10);
        // the encoded histogram decodes to the same distribution
        JsonNode add = report.path("per_tool").get(1);
        assertThat(add.path("name").asString()).isEqualTo("add");
        byte[] bytes = java.util.Base64.getDecoder().decode(add.path("histogram_raw").asString());
        Histogram back = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        assertThat(back.getTotalCount()).isEqualTo(1000);
        assertThat(back.getValueAtPercentile(99)).isEqualTo(sample().totals()
                .get(new MetricKey("tools/call", "add")).raw().getValueAtPercentile(99));
    }

    @Test
    void summaryShowsErrorsSortedAndTheBreakingPoint() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SummaryPrinter(new Style(false)).print(sample(), null, new PrintStream(out, true, StandardCharsets.UTF_8));
        String s = out.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("mcp_req_error_count.........: 8  (1 in session setup)")
                .contains("mcp_req_total...............: 2018");
        assertThat(s.indexOf("timeout...")).isLessThan(s.indexOf("tool_error..."));
        assertThat(s).contains("Breaking point detected at 10 VUs (error_rate_spike: Error rate 15.0%");
        assertThat(s).contains("vus:       10 (1 stages)").contains("[timeout] tools/call add: no response");
    }

    @Test
    void reportFilesNeverOverwrite(@TempDir Path dir) throws Exception {
        Instant t = Instant.parse("2026-02-27T14:30:45Z");
        Path a = ReportFiles.writeNew(dir, t, "loadtest", "json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        Path b = ReportFiles.writeNew(dir, t, "loadtest", "json", "{\"b\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(a.getFileName().toString()).isEqualTo("loadtest-2026-02-27T14-30-45.json");
        assertThat(b.getFileName().toString()).isEqualTo("loadtest-2026-02-27T14-30-45-1.json");
        assertThat(Files.readString(a)).isEqualTo("{\"a\":1}");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
