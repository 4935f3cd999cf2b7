package dev.mcpload.output;

import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyInterval;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run's metrics as OTLP {@code ExportMetricsServiceRequest}s in the OTLP/JSON encoding (lowerCamelCase
 * fields, 64-bit integers as strings, enums as numbers), one request per closed interval, with the names of the
 * summary. Temporality is <b>cumulative</b> from the run's start ({@code startTimeUnixNano}) to the interval's end
 * ({@code timeUnixNano}): what Prometheus and Mimir take without a delta-to-cumulative step, and what survives
 * a dropped push. Per key, attributes {@code operation}, {@code name} (the tool, resource or prompt, when there
 * is one) and {@code workload} (when several ran side by side):
 *
 * <ul>
 *   <li>{@code mcp_reqs} (sum): requests sent, session setup ({@code operation=initialize}) included;
 *   <li>{@code mcp_req_errors} (sum): failed requests, by {@code class} too ({@code timeout}, {@code tool_error}...);
 *   <li>{@code mcp_req_duration} (summary, ms): quantiles 0.5, 0.9, 0.95, 0.99, 0.999 and 1 (max) <i>of the
 *       interval</i>, corrected for coordinated omission and never below raw, as the summary and the report's
 *       time series show them; {@code count} and {@code sum} of the successful requests measured since the start
 *       (raw). The point without attributes is every operation together (the summary's headline line): leave it
 *       out when adding counts over keys;
 *   <li>{@code mcp_req_duration_raw} (summary): the same, uncorrected; {@code mcp_init_duration} (summary):
 *       session setup ({@code initialize}), never corrected;
 *   <li>{@code mcp_sessions} (sum, {@code event} = {@code opened}, {@code closed}, {@code reinitialized});
 *       {@code dropped_iterations} (sum); {@code vus} and {@code vus_target} (gauges, at the interval's end).
 * </ul>
 *
 * Resource: {@code service.name=mcpload}, {@code service.version}, {@code service.instance.id} (one per run, so
 * two runs never add into one series) and {@code mcpload.target} (the URL without query, or {@code stdio}).
 *
 * <p>Used by the clock thread only: encoding an interval reads its histograms once per quantile.
 */
final class OtlpMetrics {
    static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999, 1.0};
    private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9, 100};
    private static final int CUMULATIVE = 2;

    private final String target;
    private final String instance = UUID.randomUUID().toString();
    private final Map<MetricKey, Totals> totals = new TreeMap<>();
    private long startNanos = -1;
    private long dropped;
    private long opened;
    private long closed;
    private long reinits;

    /** Counts since the start for one key. */
    private static final class Totals {
        long requests;
        long successes;
        double rawSumMs;
        final long[] errors = new long[ErrorClass.values().length];
    }

    OtlpMetrics(String target) {
        this.target = targetLabel(target);
    }

    /** The URL without user info, query or fragment; a command line (stdio) is not shown, it may hold secrets. */
    static String targetLabel(String target) {
        try {
            URI u = new URI(target);
            if (u.getScheme() != null && u.getScheme().startsWith("http") && u.getHost() != null) {
                return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                        + (u.getRawPath() == null ? "" : u.getRawPath());
            }
        } catch (Exception e) {
            // not a URL: a server command
        }
        return "stdio";
    }

    byte[] encode(Interval interval) {
        if (startNanos < 0) {
            startNanos = (interval.wallClockMs() - interval.endMs()) * 1_000_000L;
        }
        long now = interval.wallClockMs() * 1_000_000L;
        for (KeyInterval k : interval.keys().values()) {
            Totals t = totals.computeIfAbsent(k.key(), x -> new Totals());
            t.requests += k.requests();
            t.successes += k.successes();
            t.rawSumMs += k.raw().getTotalCount() == 0 ? 0 : k.raw().getMean() * k.raw().getTotalCount() / 1000.0;
            k.errors().forEach((c, n) -> t.errors[c.ordinal()] += n);
        }
        dropped += interval.events().droppedIterations();
        opened += interval.events().sessionsOpened();
        closed += interval.events().sessionsClosed();
        reinits += interval.sessionReinits();

        ObjectNode request = Json.object();
        ObjectNode rm = request.putArray("resourceMetrics").addObject();
        ArrayNode resource = rm.putObject("resource").putArray("attributes");
        attribute(resource, "service.name", "mcpload");
        attribute(resource, "service.version", McpRequests.CLIENT_VERSION);
        attribute(resource, "service.instance.id", instance);
        attribute(resource, "mcpload.target", target);
        ObjectNode scope = rm.putArray("scopeMetrics").addObject();
        scope.putObject("scope").put("name", "mcpload").put("version", McpRequests.CLIENT_VERSION);
        ArrayNode metrics = scope.putArray("metrics");

        ArrayNode reqs = sum(metrics, "mcp_reqs", "{request}", "MCP requests sent, session setup included");
        ArrayNode errors = sum(metrics, "mcp_req_errors", "{request}", "MCP requests that failed, by class");
        totals.forEach((key, t) -> {
            intPoint(reqs, key, now).put("asInt", Long.toString(t.requests));
            for (ErrorClass c : ErrorClass.values()) {
                if (t.errors[c.ordinal()] > 0) {
                    ObjectNode p = intPoint(errors, key, now);
                    attribute((ArrayNode) p.get("attributes"), "class", c.label());
                    p.put("asInt", Long.toString(t.errors[c.ordinal()]));
                }
            }
        });

        ArrayNode duration = summary(metrics, "mcp_req_duration",
                "latency of successful requests, corrected for coordinated omission; quantiles of the interval");
        ArrayNode durationRaw = summary(metrics, "mcp_req_duration_raw",
                "latency of successful requests as measured; quantiles of the interval");
        ArrayNode init = summary(metrics, "mcp_init_duration", "session setup (initialize) latency");
        long allCount = 0;
        double allSum = 0;
        for (Map.Entry<MetricKey, Totals> e : totals.entrySet()) {
            MetricKey key = e.getKey();
            Totals t = e.getValue();
            KeyInterval k = interval.keys().get(key);
            CorrectedLatency l = k == null ? CorrectedLatency.empty() : k.latency();
            if (key.equals(MetricKey.INITIALIZE)) {
                summaryPoint(init, key, now, t.successes, t.rawSumMs, l.raw(), null);
                continue;
            }
            allCount += t.successes;
            allSum += t.rawSumMs;
            summaryPoint(duration, key, now, t.successes, t.rawSumMs, l.raw(), l);
            summaryPoint(durationRaw, key, now, t.successes, t.rawSumMs, l.raw(), null);
        }
        CorrectedLatency all = interval.latency();
        summaryPoint(duration, null, now, allCount, allSum, all.raw(), all);
        summaryPoint(durationRaw, null, now, allCount, allSum, all.raw(), null);

        ArrayNode sessions = sum(metrics, "mcp_sessions", "{session}", "MCP sessions opened, closed, re-initialized");
        eventPoint(sessions, now, "opened", opened);
        eventPoint(sessions, now, "closed", closed);
        eventPoint(sessions, now, "reinitialized", reinits);
        intPoint(sum(metrics, "dropped_iterations", "{iteration}", "open-model iterations that found no free VU"),
                null, now).put("asInt", Long.toString(dropped));
        gauge(metrics, "vus", "virtual users holding a session", now, interval.vus());
        gauge(metrics, "vus_target", "virtual users the schedule asks for", now, interval.targetVus());
        return Json.bytes(request);
    }

    private ArrayNode sum(ArrayNode metrics, String name, String unit, String description) {
        ObjectNode sum = metrics.addObject().put("name", name).put("description", description).put("unit", unit)
                .putObject("sum");
        sum.put("aggregationTemporality", CUMULATIVE).put("isMonotonic", true);
        return sum.putArray("dataPoints");
    }

    private static ArrayNode summary(ArrayNode metrics, String name, String description) {
        return metrics.addObject().put("name", name).put("description", description).put("unit", "ms")
                .putObject("summary").putArray("dataPoints");
    }

    private static void gauge(ArrayNode metrics, String name, String description, long now, long value) {
        metrics.addObject().put("name", name).put("description", description).put("unit", "{vu}")
                .putObject("gauge").putArray("dataPoints").addObject().put("timeUnixNano", Long.toString(now))
                .put("asInt", Long.toString(value));
    }

    /** A point of a cumulative sum, with the key's attributes (none for null). */
    private ObjectNode intPoint(ArrayNode points, MetricKey key, long now) {
        ObjectNode p = points.addObject();
        attributes(p.putArray("attributes"), key);
        p.put("startTimeUnixNano", Long.toString(startNanos)).put("timeUnixNano", Long.toString(now));
        return p;
    }

    private void eventPoint(ArrayNode points, long now, String event, long value) {
        ObjectNode p = intPoint(points, null, now);
        attribute((ArrayNode) p.get("attributes"), "event", event);
        p.put("asInt", Long.toString(value));
    }

    /**
     * A summary point: count and sum since the start, quantiles of this interval from {@code corrected} (read
     * with its raw, never below it) or, when null, from {@code raw}; none when the interval measured nothing.
     */
    private void summaryPoint(ArrayNode points, MetricKey key, long now, long count, double sumMs, Histogram raw,
                              CorrectedLatency corrected) {
        ObjectNode p = intPoint(points, key, now);
        p.put("count", Long.toString(count)).put("sum", sumMs);
        ArrayNode q = p.putArray("quantileValues");
        if (raw.getTotalCount() == 0) {
            return;
        }
        for (int i = 0; i < QUANTILES.length; i++) {
            double ms;
            if (PERCENTILES[i] == 100) {
                ms = corrected != null ? corrected.maxMs() : raw.getMaxValue() / 1000.0;
            } else if (corrected != null) {
                ms = corrected.percentileMs(PERCENTILES[i]);
            } else {
                ms = raw.getValueAtPercentile(PERCENTILES[i]) / 1000.0;
            }
            q.addObject().put("quantile", QUANTILES[i]).put("value", ms);
        }
    }

    private static void attributes(ArrayNode attrs, MetricKey key) {
        if (key == null) {
            return;
        }
        attribute(attrs, "operation", key.operation());
        if (!key.name().isEmpty()) {
            attribute(attrs, "name", key.name());
        }
        if (!key.workload().isEmpty()) {
            attribute(attrs, "workload", key.workload());
        }
    }

    private static void attribute(ArrayNode attrs, String key, String value) {
        attrs.addObject().put("key", key).putObject("value").put("stringValue", value);
    }
}
