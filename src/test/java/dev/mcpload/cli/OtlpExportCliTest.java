package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.testing.InProcessCli.Result;
import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code --out otlp=URL} through the real command line: a short run against the reference server pushes its
 * intervals to a real OTLP/HTTP receiver on loopback, which decodes them with OpenTelemetry's protobuf types; the
 * decoded figures equal the JSON report of the same run. A collector that is down or refusing only warns.
 */
@Timeout(120)
class OtlpExportCliTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("otlp.toml"), """
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
    }

    /** The attributes of a point, as a map. */
    private static Map<String, String> attrs(List<KeyValue> kvs) {
        Map<String, String> m = new TreeMap<>();
        kvs.forEach(kv -> m.put(kv.getKey(), kv.getValue().getStringValue()));
        return m;
    }

    private static Metric metric(ExportMetricsServiceRequest r, String name) {
        return r.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .filter(m -> m.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    private static Map<Map<String, String>, NumberDataPoint> sums(ExportMetricsServiceRequest r, String name) {
        Metric m = metric(r, name);
        assertThat(m.getSum().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
        assertThat(m.getSum().getIsMonotonic()).isTrue();
        Map<Map<String, String>, NumberDataPoint> points = new HashMap<>();
        m.getSum().getDataPointsList().forEach(p -> points.put(attrs(p.getAttributesList()), p));
        return points;
    }

    private static Map<Map<String, String>, SummaryDataPoint> summaries(ExportMetricsServiceRequest r, String name) {
        Map<Map<String, String>, SummaryDataPoint> points = new HashMap<>();
        metric(r, name).getSummary().getDataPointsList().forEach(p -> points.put(attrs(p.getAttributesList()), p));
        return points;
    }

    private static double quantile(SummaryDataPoint p, double q) {
        return p.getQuantileValuesList().stream().filter(v -> v.getQuantile() == q).findFirst()
                .orElseThrow(() -> new AssertionError("no quantile " + q)).getValue();
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Map<String, String> key(String operation, String name, String workload) {
        Map<String, String> m = new TreeMap<>();
        m.put("operation", operation);
        if (!name.isEmpty()) {
            m.put("name", name);
        }
        if (!workload.isEmpty()) {
            m.put("workload", workload);
        }
        return m;
    }

    @Test
    void everyIntervalReachesARealOtlpReceiverWithTheReportsFigures() throws Exception {
        Path json = dir.resolve("report.json");
        Result r;
        String target;
        try (OtlpCollector collector = new OtlpCollector(200);
             ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            target = server.mcpUrl();
            r = InProcessCli.mcpload("run", target, "--config", config().toString(), "--progress", "none",
                    "--no-color", "--out", "json=" + json, "--out", "otlp=" + collector.url());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(collector.problems()).isEmpty();
            JsonNode report = Json.parse(Files.readAllBytes(json));
            JsonNode series = report.path("timeseries");
            List<OtlpCollector.Received> got = collector.received();
            assertThat(got).hasSize(series.size()); // every interval, once, before the run ended
            assertThat(r.out()).contains("  OTLP metrics: " + got.size() + " of " + got.size()
                    + " intervals pushed to " + collector.url() + "/v1/metrics\n");
            assertThat(r.err()).doesNotContain("otlp");

            long start = -1;
            for (int i = 0; i < got.size(); i++) {
                OtlpCollector.Received g = got.get(i);
                assertThat(g.method()).isEqualTo("POST");
                assertThat(g.path()).isEqualTo("/v1/metrics");
                assertThat(g.contentType()).isEqualTo("application/json");
                ExportMetricsServiceRequest req = g.request();
                JsonNode point = series.get(i);
                // the interval's headline figures: the point without attributes is every operation together
                SummaryDataPoint all = summaries(req, "mcp_req_duration").get(Map.of());
                assertThat(round3(quantile(all, 0.5))).isEqualTo(point.path("p50_ms").asDouble());
                assertThat(round3(quantile(all, 0.95))).isEqualTo(point.path("p95_ms").asDouble());
                assertThat(round3(quantile(all, 0.99))).isEqualTo(point.path("p99_ms").asDouble());
                assertThat(round3(quantile(all, 1.0))).isEqualTo(point.path("max_ms").asDouble());
                assertThat(round3(quantile(summaries(req, "mcp_req_duration_raw").get(Map.of()), 0.99)))
                        .isEqualTo(point.path("p99_raw_ms").asDouble());
                assertThat(metric(req, "vus").getGauge().getDataPoints(0).getAsInt())
                        .isEqualTo(point.path("vus").asLong());
                NumberDataPoint opened = sums(req, "mcp_sessions").get(Map.of("event", "opened"));
                if (start < 0) {
                    start = opened.getStartTimeUnixNano();
                }
                assertThat(opened.getStartTimeUnixNano()).isEqualTo(start).isLessThan(opened.getTimeUnixNano());
            }

            // cumulative: the last push holds the run's totals, key by key
            ExportMetricsServiceRequest last = got.get(got.size() - 1).request();
            Map<String, String> resource = attrs(last.getResourceMetrics(0).getResource().getAttributesList());
            assertThat(resource).containsEntry("service.name", "mcpload").containsEntry("mcpload.target", target)
                    .containsKey("service.instance.id");
            Map<Map<String, String>, NumberDataPoint> reqs = sums(last, "mcp_reqs");
            Map<Map<String, String>, NumberDataPoint> errors = sums(last, "mcp_req_errors");
            Map<Map<String, String>, SummaryDataPoint> durations = summaries(last, "mcp_req_duration");
            long total = 0;
            for (JsonNode row : report.path("per_tool")) {
                Map<String, String> k = key(row.path("operation").asString(), row.path("name").asString(),
                        row.path("workload").asString(""));
                assertThat(reqs.get(k).getAsInt()).as(k.toString()).isEqualTo(row.path("requests").asLong());
                assertThat(durations.get(k).getCount()).as(k.toString())
                        .isEqualTo(row.path("latency").path("count").asLong());
                total += reqs.get(k).getAsInt();
                row.path("errors").properties().forEach(e -> {
                    Map<String, String> ek = new TreeMap<>(k);
                    ek.put("class", e.getKey());
                    assertThat(errors.get(ek).getAsInt()).as(ek.toString()).isEqualTo(e.getValue().asLong());
                });
            }
            Map<String, String> failed = new TreeMap<>(key("tools/call", "fail", "held"));
            failed.put("class", "tool_error");
            assertThat(errors.get(failed).getAsInt()).isPositive();
            JsonNode metrics = report.path("metrics");
            total += reqs.get(key("initialize", "", "")).getAsInt();
            assertThat(reqs.get(key("initialize", "", "")).getAsInt())
                    .isEqualTo(metrics.path("initialize").path("count").asLong());
            assertThat(total).isEqualTo(metrics.path("total_requests").asLong());
            assertThat(durations.get(Map.of()).getCount()).isEqualTo(metrics.path("latency").path("count").asLong());
            assertThat(summaries(last, "mcp_init_duration").get(key("initialize", "", "")).getCount())
                    .isEqualTo(metrics.path("initialize").path("success_count").asLong());
            assertThat(sums(last, "mcp_sessions").get(Map.of("event", "opened")).getAsInt())
                    .isEqualTo(metrics.path("sessions").path("opened").asLong());
            assertThat(sums(last, "dropped_iterations").get(Map.of()).getAsInt())
                    .isEqualTo(metrics.path("dropped_iterations").asLong());
        }
    }

    @Test
    void aCollectorThatIsDownOrRefusingNeitherStallsNorFailsTheRunAndWarnsOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        Result down = InProcessCli.mcpload("run", "--duration", "2", "--progress", "none", "--no-report",
                "--out", "otlp=http://127.0.0.1:" + port);
        assertThat(down.code()).as(down.err()).isZero();
        assertThat((System.nanoTime() - t0) / 1_000_000_000.0).isLessThan(20);
        assertThat(down.out()).contains("mcp_req_total");
        assertThat(down.err().lines().filter(l -> l.contains("otlp")).toList()).singleElement().asString()
                .startsWith("mcpload: warning: --out otlp: 0 of ").contains("http://127.0.0.1:" + port + "/v1/metrics")
                .contains("failed (first: connection refused (is the collector running?))");

        try (OtlpCollector refusing = new OtlpCollector(503)) {
            Result r = InProcessCli.mcpload("run", "--duration", "2", "--progress", "none", "--no-report",
                    "--out", "otlp=" + refusing.url() + "/v1/metrics");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(refusing.received()).isNotEmpty(); // it was sent, and decoded
            assertThat(r.err().lines().filter(l -> l.contains("otlp")).toList()).singleElement().asString()
                    .contains("failed (first: HTTP 503: {\"code\":14,\"message\":\"unavailable\"})");
        }
    }

    @Test
    void aBadCollectorUrlIsAUsageErrorBeforeTheLoad() {
        Result ftp = InProcessCli.mcpload("run", "--no-report", "--duration", "1", "--out", "otlp=ftp://127.0.0.1:4318");
        assertThat(ftp.code()).isEqualTo(Errors.USAGE);
        assertThat(ftp.err()).isEqualTo("mcpload: --out otlp=ftp://127.0.0.1:4318 is not an http:// or https:// URL:"
                + " give the collector's OTLP/HTTP address, e.g. --out otlp=http://127.0.0.1:4318"
                + System.lineSeparator());
        assertThat(ftp.out()).doesNotContain("Running");
        Result noHost = InProcessCli.mcpload("run", "--no-report", "--duration", "1", "--out", "otlp=http://:4318");
        assertThat(noHost.code()).isEqualTo(Errors.USAGE);
        assertThat(noHost.err()).contains("has no host");
        Result secret = InProcessCli.mcpload("run", "--no-report", "--duration", "1", "--out",
                "otlp=http://me:s3cr3t@127.0.0.1:4318");
        assertThat(secret.code()).isEqualTo(Errors.USAGE);
        assertThat(secret.err()).contains("OTEL_EXPORTER_OTLP_HEADERS").doesNotContain("s3cr3t");
    }
}
