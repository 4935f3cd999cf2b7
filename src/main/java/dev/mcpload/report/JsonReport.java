package dev.mcpload.report;

import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.result.RunResult;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine-readable report. Field names follow the loadtest chapter ({@code schema_version},
 * {@code metrics.latency.p99_ms}, {@code breaking_point.*}) so existing jq scripts keep working; mcpload adds
 * raw percentiles, per-operation and per-name tables, the time series and the encoded histograms (so any
 * percentile can be recomputed and reports merged exactly). Every field is described in
 * {@code docs/report.schema.json}.
 */
public final class JsonReport {
    public static final String SCHEMA_VERSION = "1.3";

    private JsonReport() {
    }

    public static ObjectNode build(RunResult r) {
        ObjectNode root = Json.object();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("generator", McpRequests.CLIENT_NAME + " " + McpRequests.CLIENT_VERSION);
        root.put("target", r.target());
        root.put("transport", r.transport());
        ObjectNode server = root.putObject("server");
        server.put("name", r.server().name());
        server.put("version", r.server().version());
        server.put("protocol_version", r.server().protocolVersion());
        root.put("started_at", r.startedAt().toString());
        root.put("ended_at", r.endedAt().toString());
        root.put("stop_reason", r.stopReason());
        root.set("config", r.configAsRun());

        ObjectNode metrics = root.putObject("metrics");
        CorrectedLatency all = r.latency();
        metrics.set("latency", latency(all));
        metrics.set("latency_raw", latency(all.raw()));
        metrics.put("total_requests", r.requests());
        metrics.put("success_count", r.successes());
        metrics.put("error_count", r.errors());
        metrics.put("error_rate", round(r.errorRate(), 6));
        metrics.put("throughput_rps", round(r.throughput(), 3));
        metrics.put("elapsed_secs", round(r.elapsedMs() / 1000.0, 3));
        metrics.put("max_vus", r.maxVus());
        metrics.set("errors", errors(r.errorsByClass()));
        KeyTotals init = r.initialize();
        ObjectNode initNode = metrics.putObject("initialize");
        initNode.put("count", init.requests());
        initNode.put("success_count", init.successes());
        initNode.put("error_count", init.errorCount());
        initNode.set("errors", errors(init.errors()));
        initNode.set("latency", latency(init.raw()));
        initNode.put("histogram", encode(init.raw()));
        RunResult.Counters c = r.counters();
        ObjectNode sessions = metrics.putObject("sessions");
        sessions.put("opened", c.sessionsOpened());
        sessions.put("closed", c.sessionsClosed());
        sessions.put("reinitialized", c.sessionReinits());
        sessions.put("peak_held", c.peakSessionsHeld());
        metrics.put("notifications", c.notifications());
        metrics.put("late_responses", c.lateResponses());

        root.set("per_operation", perOperation(r));
        ArrayNode perName = root.putArray("per_tool");
        for (KeyTotals t : r.operations().values()) {
            perName.add(row(t, r.elapsedMs(), true));
        }

        ObjectNode bp = root.putObject("breaking_point");
        bp.put("detected", r.breakingPoint().isPresent());
        bp.put("judged", r.breakingPointJudged());
        r.breakingPoint().ifPresent(b -> {
            bp.put("vus", b.vus());
            bp.put("reason", b.reason());
            bp.put("detail", b.detail());
            bp.put("timestamp", b.timestamp());
            bp.put("elapsed_secs", round(b.elapsedMs() / 1000.0, 3));
        });

        ArrayNode examples = root.putArray("error_examples");
        for (ErrorExamples.Example e : r.errorExamples()) {
            ObjectNode n = examples.addObject();
            n.put("class", e.errorClass().label());
            n.put("operation", e.operation());
            n.put("message", e.message());
        }

        ArrayNode series = root.putArray("timeseries");
        for (Sample s : r.samples()) {
            ObjectNode n = series.addObject();
            n.put("t_secs", round(s.endMs() / 1000.0, 3));
            n.put("interval_secs", round((s.endMs() - s.startMs()) / 1000.0, 3));
            n.put("vus", s.vus());
            n.put("target_vus", s.targetVus());
            n.put("stage", s.stage());
            n.put("requests", s.requests());
            n.put("success_count", s.successes());
            n.put("error_count", s.errorCount());
            n.put("error_rate", round(s.errorRate(), 6));
            n.put("setup_errors", s.setupErrors());
            n.put("throughput_rps", round(s.throughput(), 3));
            n.put("p50_ms", round(s.p50Ms(), 3));
            n.put("p95_ms", round(s.p95Ms(), 3));
            n.put("p99_ms", round(s.p99Ms(), 3));
            n.put("p99_raw_ms", round(s.rawP99Ms(), 3));
            n.put("max_ms", round(s.maxMs(), 3));
            n.put("session_reinits", s.sessionReinits());
            n.set("errors", errors(s.errors()));
        }
        return root;
    }

    private static ArrayNode perOperation(RunResult r) {
        Map<String, KeyTotals> byOp = new TreeMap<>();
        for (KeyTotals t : r.operations().values()) {
            byOp.computeIfAbsent(t.key().operation(), op -> new KeyTotals(new MetricKey(op, ""))).merge(t);
        }
        ArrayNode arr = Json.MAPPER.createArrayNode();
        byOp.values().forEach(t -> arr.add(row(t, r.elapsedMs(), false)));
        return arr;
    }

    private static ObjectNode row(KeyTotals t, long elapsedMs, boolean withName) {
        ObjectNode n = Json.object();
        n.put("operation", t.key().operation());
        if (withName) {
            n.put("name", t.key().name());
        }
        n.put("requests", t.requests());
        n.put("success_count", t.successes());
        n.put("error_count", t.errorCount());
        n.put("error_rate", round(t.requests() == 0 ? 0 : (double) t.errorCount() / t.requests(), 6));
        n.put("throughput_rps", round(elapsedMs <= 0 ? 0 : t.requests() * 1000.0 / elapsedMs, 3));
        n.set("errors", errors(t.errors()));
        n.set("latency", latency(t.latency()));
        n.set("latency_raw", latency(t.raw()));
        n.put("histogram", encode(t.corrected()));
        n.put("histogram_raw", encode(t.raw()));
        return n;
    }

    static ObjectNode latency(Histogram raw) {
        return latency(new CorrectedLatency(raw, raw));
    }

    /** Percentiles as reported everywhere: corrected, never below raw; {@code count} is of real requests. */
    static ObjectNode latency(CorrectedLatency l) {
        ObjectNode n = Json.object();
        n.put("count", l.count());
        n.put("min_ms", round(l.minMs(), 3));
        n.put("mean_ms", round(l.meanMs(), 3));
        n.put("p50_ms", round(l.percentileMs(50), 3));
        n.put("p90_ms", round(l.percentileMs(90), 3));
        n.put("p95_ms", round(l.percentileMs(95), 3));
        n.put("p99_ms", round(l.percentileMs(99), 3));
        n.put("p999_ms", round(l.percentileMs(99.9), 3));
        n.put("max_ms", round(l.maxMs(), 3));
        return n;
    }

    private static ObjectNode errors(Map<ErrorClass, Long> errors) {
        ObjectNode n = Json.object();
        for (ErrorClass c : ErrorClass.values()) {
            Long v = errors.get(c);
            if (v != null && v > 0) {
                n.put(c.label(), v);
            }
        }
        return n;
    }

    /** HdrHistogram's compressed encoding, base64: decode with Histogram.decodeFromCompressedByteBuffer. */
    static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
