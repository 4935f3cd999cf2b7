package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.testing.InProcessCli.Result;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --out csv=FILE}, {@code --out json-lines=FILE} and {@code --out hdr=FILE} through the real command line,
 * in one short run against the reference server (two workloads side by side, one of them with a tool that fails),
 * each export read back and checked against the JSON report of the same run: every request counted once.
 */
@Timeout(120)
class FileExportsCliTest {
    @TempDir
    static Path dir;
    private static Path csv;
    private static Path lines;
    private static Path hdr;
    private static JsonNode report;
    private static Result run;

    @BeforeAll
    static void runOnce() throws Exception {
        Path config = dir.resolve("exports.toml");
        Files.writeString(config, """
                [[scenario]]
                type = "tools/call"
                tool = "add"
                arguments = { a = 1, b = 2 }

                [[scenario]]
                type = "tools/call"
                tool = "fail"
                weight = 20

                [[scenario]]
                type = "tools/call"
                tool = "echo"
                arguments = { message = "hi" }

                [workload.held]
                executor = "constant-vus"
                vus = 2
                duration = "3s"
                steps = ["add", "fail"]

                [workload.arrivals]
                executor = "constant-arrival-rate"
                rate = 50
                duration = "3s"
                pre_allocated_vus = 1
                max_vus = 2
                steps = ["echo"]
                """);
        Path json = dir.resolve("report.json");
        csv = dir.resolve("out/run.csv");
        lines = dir.resolve("out/run.jsonl");
        hdr = dir.resolve("out/run.hlog");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            run = InProcessCli.mcpload("run", server.mcpUrl(), "--config", config.toString(), "--progress", "none",
                    "--no-color", "--out", "json=" + json, "--out", "csv=" + csv, "--out", "json-lines=" + lines,
                    "--out", "hdr=" + hdr);
        }
        assertThat(run.code()).as(run.err()).isZero();
        report = Json.parse(Files.readAllBytes(json));
        assertThat(report.path("metrics").path("errors").path("tool_error").asLong()).isPositive();
        assertThat(report.path("timeseries").size()).isGreaterThanOrEqualTo(2);
    }

    /** "tools/call add held" for a per_tool row or an export's key. */
    private static String key(String operation, String name, String workload) {
        return operation + " " + name + " " + workload;
    }

    private static Map<String, JsonNode> perTool() {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : report.path("per_tool")) {
            rows.put(key(row.path("operation").asString(), row.path("name").asString(),
                    row.path("workload").asString("")), row);
        }
        return rows;
    }

    @Test
    void csvHasOneAllRowPerIntervalEqualToTheTimeseriesAndKeyRowsThatAddUpToThePerToolRows() throws Exception {
        assertThat(run.out()).contains("  CSV time series: " + csv + "\n");
        List<String> text = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(text.get(0).split(",", -1));
        assertThat(header).startsWith("t_secs", "interval_secs", "index", "stage", "vus", "target_vus", "scope",
                "operation", "name", "workload", "requests").contains("errors_tool_error", "p99_raw_ms",
                "dropped_iterations");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : text.subList(1, text.size())) {
            String[] cells = line.split(",", -1); // the names in this run hold no comma
            assertThat(cells).hasSize(header.size());
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < cells.length; i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.add(row);
        }
        List<Map<String, String>> all = rows.stream().filter(r -> r.get("scope").equals("all")).toList();
        JsonNode series = report.path("timeseries");
        assertThat(all).hasSize(series.size());
        for (int i = 0; i < all.size(); i++) {
            Map<String, String> row = all.get(i);
            JsonNode point = series.get(i);
            assertThat(row.get("operation")).isEmpty();
            for (String f : List.of("t_secs", "interval_secs", "vus", "target_vus", "stage", "requests",
                    "success_count", "error_count", "error_rate", "setup_errors", "throughput_rps", "p50_ms",
                    "p95_ms", "p99_ms", "max_ms", "dropped_iterations", "session_reinits")) {
                assertThat(Double.parseDouble(row.get(f))).as(f + " of interval " + i)
                        .isEqualTo(point.path(f).asDouble());
            }
            assertThat(Double.parseDouble(row.get("p99_raw_ms"))).isEqualTo(point.path("p99_raw_ms").asDouble());
            for (ErrorClass c : ErrorClass.values()) {
                assertThat(Long.parseLong(row.get("errors_" + c.label())))
                        .isEqualTo(point.path("errors").path(c.label()).asLong(0));
            }
        }
        // per key: the rows add up to the report's per-tool rows and initialize, each request counted once
        Map<String, long[]> sums = new HashMap<>();
        long keyRequests = 0;
        for (Map<String, String> row : rows) {
            if (row.get("scope").equals("key")) {
                assertThat(row.get("dropped_iterations")).isEmpty(); // the interval's own, only on its all row
                long[] s = sums.computeIfAbsent(key(row.get("operation"), row.get("name"), row.get("workload")),
                        k -> new long[3]);
                s[0] += Long.parseLong(row.get("requests"));
                s[1] += Long.parseLong(row.get("error_count"));
                s[2] += Long.parseLong(row.get("errors_tool_error"));
                keyRequests += Long.parseLong(row.get("requests"));
            }
        }
        Map<String, JsonNode> perTool = perTool();
        assertThat(perTool).containsKeys(key("tools/call", "add", "held"), key("tools/call", "fail", "held"),
                key("tools/call", "echo", "arrivals"));
        for (var e : perTool.entrySet()) {
            assertThat(sums.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue().path("requests").asLong(),
                    e.getValue().path("error_count").asLong(),
                    e.getValue().path("errors").path("tool_error").asLong(0));
        }
        JsonNode init = report.path("metrics").path("initialize");
        assertThat(sums.get(key("initialize", "", ""))[0]).isEqualTo(init.path("count").asLong());
        assertThat(sums).hasSize(perTool.size() + 1);
        long total = report.path("metrics").path("total_requests").asLong();
        assertThat(keyRequests).isEqualTo(total);
        assertThat(all.stream().mapToLong(r -> Long.parseLong(r.get("requests"))).sum()).isEqualTo(total);
    }

    @Test
    void jsonLinesHasOneLinePerIntervalAsTheTimeseriesThenTheResult() throws Exception {
        assertThat(run.out()).contains("  JSON lines: " + lines + "\n");
        List<String> text = Files.readAllLines(lines, StandardCharsets.UTF_8);
        JsonNode series = report.path("timeseries");
        assertThat(text).hasSize(series.size() + 1);
        long keyRequests = 0;
        Map<String, Long> byKey = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            JsonNode line = Json.parse(text.get(i));
            assertThat(line.path("type").asString()).isEqualTo("interval");
            assertThat(line.path("index").asInt()).isEqualTo(i);
            Instant.parse(line.path("wall_clock").asString());
            Iterator<Map.Entry<String, JsonNode>> fields = series.get(i).properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                assertThat(line.get(f.getKey())).as(f.getKey() + " of interval " + i).isEqualTo(f.getValue());
            }
            long sum = 0;
            for (JsonNode k : line.path("keys")) {
                sum += k.path("requests").asLong();
                byKey.merge(key(k.path("operation").asString(), k.path("name").asString(),
                        k.path("workload").asString("")), k.path("requests").asLong(), Long::sum);
                assertThat(k.path("success_count").asLong() + k.path("error_count").asLong())
                        .isEqualTo(k.path("requests").asLong());
            }
            assertThat(sum).isEqualTo(line.path("requests").asLong());
            keyRequests += sum;
        }
        assertThat(keyRequests).isEqualTo(report.path("metrics").path("total_requests").asLong());
        perTool().forEach((k, row) -> assertThat(byKey.get(k)).as(k).isEqualTo(row.path("requests").asLong()));
        JsonNode last = Json.parse(text.get(text.size() - 1));
        assertThat(last.path("type").asString()).isEqualTo("result");
        assertThat(last.path("metrics")).isEqualTo(report.path("metrics"));
        assertThat(last.path("per_tool")).isEqualTo(report.path("per_tool"));
        assertThat(last.path("schema_version")).isEqualTo(report.path("schema_version"));
        assertThat(last.has("timeseries")).isFalse();
        assertThat(last.has("intervals")).isFalse();
    }

    @Test
    void hdrLogReadsBackWithHdrHistogramsOwnReaderToTheReportsHistogramsExactly() throws Exception {
        assertThat(run.out()).contains("  HdrHistogram log: " + hdr + "\n");
        Map<String, Histogram> byTag = new HashMap<>();
        int untagged = 0;
        double startSec;
        try (HistogramLogReader reader = new HistogramLogReader(hdr.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                String tag = h.getTag() == null ? "" : h.getTag();
                untagged += tag.isEmpty() ? 1 : 0;
                byTag.computeIfAbsent(tag, t -> Latencies.newHistogram()).add((Histogram) h);
            }
            startSec = reader.getStartTimeSec();
        }
        assertThat(untagged).isEqualTo(report.path("timeseries").size()); // one per interval, idle ones too
        assertThat(startSec * 1000).isCloseTo(Instant.parse(report.path("started_at").asString()).toEpochMilli(),
                org.assertj.core.data.Offset.offset(2000.0));
        Histogram allCorrected = Latencies.newHistogram();
        Histogram allRaw = Latencies.newHistogram();
        for (JsonNode row : report.path("per_tool")) {
            String tag = row.path("operation").asString() + ":" + row.path("name").asString()
                    + (row.has("workload") ? "@" + row.path("workload").asString() : "");
            Histogram corrected = decode(row.path("histogram"));
            Histogram raw = decode(row.path("histogram_raw"));
            // a key with nothing measured (the fail tool only fails: latency is of successes) has no lines
            assertThat(byTag.getOrDefault(tag, Latencies.newHistogram())).as(tag).isEqualTo(corrected);
            assertThat(byTag.getOrDefault("raw:" + tag, Latencies.newHistogram())).as(tag).isEqualTo(raw);
            assertThat(raw.getTotalCount()).isEqualTo(row.path("latency").path("count").asLong());
            allCorrected.add(corrected);
            allRaw.add(raw);
        }
        assertThat(byTag).containsKeys("tools/call:add@held", "raw:tools/call:add@held", "tools/call:echo@arrivals")
                .doesNotContainKeys("tools/call:fail@held", "raw:tools/call:fail@held");
        assertThat(byTag.get("")).isEqualTo(allCorrected);
        assertThat(byTag.get("raw")).isEqualTo(allRaw);
        assertThat(allRaw.getTotalCount()).isEqualTo(report.path("metrics").path("latency").path("count").asLong());
        assertThat(byTag.get("raw:initialize"))
                .isEqualTo(decode(report.path("metrics").path("initialize").path("histogram")));

        // and HdrHistogram's own processor reads it, by tag, in ms
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            new HistogramLogProcessor(new String[] {"-i", hdr.toString(), "-tag", "raw:tools/call:add@held",
                    "-outputValueUnitRatio", "1000"}).run();
        } finally {
            System.setOut(old);
        }
        long added = perTool().get(key("tools/call", "add", "held")).path("latency").path("count").asLong();
        assertThat(printed.toString(StandardCharsets.UTF_8)).containsPattern("Total count += +" + added + "]")
                .doesNotContain("Exception");
    }

    private static Histogram decode(JsonNode base64) {
        return Latencies.decode(Base64.getDecoder().decode(base64.asString()));
    }

    @Test
    void badTargetsAreUsageErrorsBeforeTheLoad() throws Exception {
        Result noFile = InProcessCli.mcpload("run", "--out", "csv", "--no-report", "--duration", "1");
        assertThat(noFile.code()).isEqualTo(Errors.USAGE);
        assertThat(noFile.err()).isEqualTo("mcpload: --out csv: name the file, e.g. --out csv=run.csv"
                + System.lineSeparator());
        assertThat(noFile.out()).doesNotContain("Running");

        Result aDir = InProcessCli.mcpload("run", "--out", "hdr=" + dir, "--no-report", "--duration", "1");
        assertThat(aDir.code()).isEqualTo(Errors.USAGE);
        assertThat(aDir.err()).contains("--out hdr=" + dir + " is a directory").contains("run.hlog");

        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        Result cannot = InProcessCli.mcpload("run", "--out", "json-lines=" + aFile.resolve("x.jsonl"), "--no-report",
                "--duration", "1");
        assertThat(cannot.code()).isEqualTo(Errors.REPORT_NOT_WRITABLE);
        assertThat(cannot.err()).contains("cannot write the JSON lines to " + aFile.resolve("x.jsonl"))
                .contains("Not a directory").contains("--out json-lines=FILE").contains("nothing was run");
        assertThat(cannot.out()).doesNotContain("mcp_req_total");
    }
}
