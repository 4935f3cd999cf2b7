package dev.mcpload.threshold;

import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * The metrics a threshold can name: the summary's names, each with k6's type (which decides the aggregations it
 * takes) and whether it can be filtered by tag. Observed on {@link Observed}: latency from the merged corrected
 * histograms (never averaged percentiles), rates and counts from the exact counts.
 */
public enum ThresholdMetric {
    /** Latency of the scenario's operations, corrected for coordinated omission (what the summary reports). */
    MCP_REQ_DURATION("mcp_req_duration", Type.TREND, true),
    /** The same latency as measured, uncorrected. */
    MCP_REQ_DURATION_RAW("mcp_req_duration_raw", Type.TREND, true),
    /** Session setup ({@code initialize}) latency. */
    MCP_INIT_DURATION("mcp_init_duration", Type.TREND, false),
    /** Failed requests over all requests, session setup included when not filtered. */
    MCP_REQ_ERROR_RATE("mcp_req_error_rate", Type.RATE, true),
    /** Requests per second over the run. */
    MCP_REQ_THROUGHPUT("mcp_req_throughput", Type.RATE, true),
    MCP_REQ_TOTAL("mcp_req_total", Type.COUNTER, true),
    MCP_REQ_SUCCESS_COUNT("mcp_req_success_count", Type.COUNTER, true),
    MCP_REQ_ERROR_COUNT("mcp_req_error_count", Type.COUNTER, true),
    /** Arrivals of an open model that found no free VU and were not sent. */
    DROPPED_ITERATIONS("dropped_iterations", Type.COUNTER, false),
    /**
     * What {@code mcpload ceiling} found: the most concurrent sessions (2025 era) or clients (2026-07-28) within
     * the SLO. Only a ceiling search measures it, so only {@code ceiling} judges it.
     */
    MCP_CEILING("mcp_ceiling", Type.GAUGE, false);

    /** k6's metric types, by the aggregations they take. */
    public enum Type {
        TREND(List.of("avg", "min", "med", "max", "p(N)")), RATE(List.of("rate")), COUNTER(List.of("count", "rate")),
        /** One value, as k6's gauges (mcpload's one gauge is the ceiling a search found). */
        GAUGE(List.of("value"));

        private final List<String> aggregations;

        Type(List<String> aggregations) {
            this.aggregations = aggregations;
        }

        public List<String> aggregations() {
            return aggregations;
        }
    }

    /** The tags a filter may use: {@code tool}, {@code resource} and {@code prompt} name the operation too. */
    public static final List<String> TAGS = List.of("operation", "tool", "resource", "prompt", "name", "workload");

    private final String metricName;
    private final Type type;
    private final boolean taggable;

    ThresholdMetric(String metricName, Type type, boolean taggable) {
        this.metricName = metricName;
        this.type = type;
        this.taggable = taggable;
    }

    public String metricName() {
        return metricName;
    }

    public Type type() {
        return type;
    }

    public boolean taggable() {
        return taggable;
    }

    public static ThresholdMetric byName(String name) {
        for (ThresholdMetric m : values()) {
            if (m.metricName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** Whether only {@code mcpload ceiling} measures this metric (and only it judges thresholds on it). */
    public boolean ceilingOnly() {
        return this == MCP_CEILING;
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(ThresholdMetric::metricName).toList();
    }

    /**
     * The value of {@code a} over what {@code tags} select, or null when there is nothing to judge (no latency
     * recorded, no request sent): a threshold on nothing fails, it never passes by default.
     */
    Double observe(Aggregation a, Map<String, String> tags, Observed o) {
        Predicate<MetricKey> selected = key -> matches(key, tags);
        double seconds = o.elapsedMs() / 1000.0;
        switch (this) {
            case MCP_REQ_DURATION, MCP_REQ_DURATION_RAW, MCP_INIT_DURATION -> {
                Histogram corrected = Latencies.newHistogram();
                Histogram raw = Latencies.newHistogram();
                for (KeyTotals t : o.totals().values()) {
                    boolean init = t.key().equals(MetricKey.INITIALIZE);
                    if (this == MCP_INIT_DURATION ? init : !init && selected.test(t.key())) {
                        corrected.add(this == MCP_REQ_DURATION_RAW ? t.raw() : t.corrected());
                        raw.add(t.raw());
                    }
                }
                return trend(a, new CorrectedLatency(corrected, raw));
            }
            case DROPPED_ITERATIONS -> {
                return counter(a, o.droppedIterations(), seconds);
            }
            case MCP_CEILING -> {
                return o.ceiling() == null ? null : o.ceiling().doubleValue();
            }
            default -> {
                long requests = 0;
                long errors = 0;
                for (KeyTotals t : o.totals().values()) {
                    boolean init = t.key().equals(MetricKey.INITIALIZE);
                    if (tags.isEmpty() || !init && selected.test(t.key())) {
                        requests += t.requests();
                        errors += t.errorCount();
                    }
                }
                return switch (this) {
                    case MCP_REQ_ERROR_RATE -> requests == 0 ? null : (double) errors / requests;
                    case MCP_REQ_THROUGHPUT -> seconds <= 0 ? null : requests / seconds;
                    case MCP_REQ_TOTAL -> counter(a, requests, seconds);
                    case MCP_REQ_SUCCESS_COUNT -> counter(a, requests - errors, seconds);
                    default -> counter(a, errors, seconds);
                };
            }
        }
    }

    private static Double trend(Aggregation a, CorrectedLatency l) {
        if (l.count() == 0) {
            return null;
        }
        return switch (a.name()) {
            case "avg" -> l.meanMs();
            case "min" -> l.minMs();
            case "max" -> l.maxMs();
            case "med" -> l.percentileMs(50);
            default -> l.percentileMs(a.percentile());
        };
    }

    private static Double counter(Aggregation a, long count, double seconds) {
        if (a.name().equals("count")) {
            return (double) count;
        }
        return seconds <= 0 ? null : count / seconds;
    }

    /** Whether a key is one the filter selects: every tag must hold. */
    static boolean matches(MetricKey key, Map<String, String> tags) {
        for (var e : tags.entrySet()) {
            String v = e.getValue();
            boolean holds = switch (e.getKey()) {
                case "operation" -> key.operation().equals(v);
                case "tool" -> key.operation().equals("tools/call") && key.name().equals(v);
                case "resource" -> key.operation().equals("resources/read") && key.name().equals(v);
                case "prompt" -> key.operation().equals("prompts/get") && key.name().equals(v);
                case "name" -> key.name().equals(v);
                default -> key.workload().equals(v);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** The value in the metric's unit, for the summary: {@code 12.31ms}, {@code 1.20%}, {@code 95.3/s}, {@code 4}. */
    String format(Aggregation a, double v) {
        if (type == Type.TREND) {
            return String.format(java.util.Locale.ROOT, "%.2fms", v);
        }
        if (this == MCP_REQ_ERROR_RATE) {
            return Numbers.plain(Math.round(v * 1e6) / 1e6) + String.format(java.util.Locale.ROOT, " (%.2f%%)", v * 100);
        }
        if (type == Type.GAUGE) {
            return Long.toString((long) v);
        }
        if (a.name().equals("rate")) {
            return String.format(java.util.Locale.ROOT, "%.1f/s", v);
        }
        return Long.toString((long) v);
    }
}
