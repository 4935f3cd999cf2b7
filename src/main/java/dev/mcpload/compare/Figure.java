package dev.mcpload.compare;

import dev.mcpload.metrics.MetricKey;
import dev.mcpload.threshold.Aggregation;
import dev.mcpload.threshold.Observed;
import dev.mcpload.threshold.ThresholdMetric;
import dev.mcpload.threshold.Thresholds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One figure two runs are compared on: a threshold metric, an aggregation and a filter, so a compared figure
 * is exactly what a threshold on it would observe ({@link Thresholds#value}), from whole histograms, never from
 * averaged percentiles. {@code better} says which way is an improvement.
 *
 * @param label  as the table shows it: the summary's metric name and the aggregation ({@code mcp_req_duration p(99)})
 */
public record Figure(String label, ThresholdMetric metric, Aggregation aggregation, Map<String, String> tags,
                     Better better) {
    /** Which way a figure improves. */
    public enum Better { LOWER, HIGHER, NEITHER }

    public Figure {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The figures of the headline table, in the summary's order. */
    static List<Figure> headline() {
        ThresholdMetric d = ThresholdMetric.MCP_REQ_DURATION;
        return List.of(
                of(ThresholdMetric.MCP_REQ_TOTAL, "count", Better.NEITHER),
                of(ThresholdMetric.MCP_REQ_THROUGHPUT, "rate", Better.HIGHER),
                of(ThresholdMetric.MCP_REQ_ERROR_RATE, "rate", Better.LOWER),
                of(d, "avg", Better.LOWER), of(d, "med", Better.LOWER), percentile(d, 90, Map.of()),
                percentile(d, 95, Map.of()), percentile(d, 99, Map.of()), percentile(d, 99.9, Map.of()),
                of(d, "max", Better.LOWER),
                percentile(ThresholdMetric.MCP_REQ_DURATION_RAW, 99, Map.of()),
                percentile(ThresholdMetric.MCP_INIT_DURATION, 50, Map.of()),
                percentile(ThresholdMetric.MCP_INIT_DURATION, 99, Map.of()),
                of(ThresholdMetric.DROPPED_ITERATIONS, "count", Better.LOWER),
                of(ThresholdMetric.MCP_CEILING, "value", Better.HIGHER));
    }

    /** The figures of one key's row in the per-tool table: p50, p95, p99, error rate, throughput. */
    static List<Figure> perKey(MetricKey key) {
        Map<String, String> tags = tagsOf(key);
        ThresholdMetric d = ThresholdMetric.MCP_REQ_DURATION;
        return List.of(percentile(d, 50, tags), percentile(d, 95, tags), percentile(d, 99, tags),
                new Figure(ThresholdMetric.MCP_REQ_ERROR_RATE.metricName(), ThresholdMetric.MCP_REQ_ERROR_RATE,
                        new Aggregation("rate", 0), tags, Better.LOWER),
                new Figure(ThresholdMetric.MCP_REQ_THROUGHPUT.metricName(), ThresholdMetric.MCP_REQ_THROUGHPUT,
                        new Aggregation("rate", 0), tags, Better.HIGHER));
    }

    /** A filter that selects exactly {@code key}: its operation, its name, its workload. */
    static Map<String, String> tagsOf(MetricKey key) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("operation", key.operation());
        tags.put("name", key.name());
        tags.put("workload", key.workload());
        return tags;
    }

    static Figure percentile(ThresholdMetric m, double p, Map<String, String> tags) {
        Aggregation a = new Aggregation(Aggregation.PERCENTILE, p);
        return new Figure(m.metricName() + " " + a.label(), m, a, tags, Better.LOWER);
    }

    private static Figure of(ThresholdMetric m, String aggregation, Better better) {
        boolean plain = m.type() != ThresholdMetric.Type.TREND; // rates and counts need no aggregation in the label
        return new Figure(plain ? m.metricName() : m.metricName() + " " + aggregation, m,
                new Aggregation(aggregation, 0), Map.of(), better);
    }

    /** The figure's value in {@code o}, or null when nothing it selects was measured. */
    public Double of(Observed o) {
        return Thresholds.value(metric, aggregation, tags, o);
    }

    /**
     * How many samples the figure is computed from in {@code o}: successes for latency (what the histogram
     * holds), requests for rates and counts.
     */
    public long samples(Observed o) {
        if (metric == ThresholdMetric.MCP_INIT_DURATION) {
            var init = o.totals().get(dev.mcpload.metrics.MetricKey.INITIALIZE);
            return init == null ? 0 : init.successes();
        }
        ThresholdMetric count = isLatency() ? ThresholdMetric.MCP_REQ_SUCCESS_COUNT : ThresholdMetric.MCP_REQ_TOTAL;
        Double n = Thresholds.value(count, new Aggregation("count", 0), tags, o);
        return n == null ? 0 : n.longValue();
    }

    public boolean isLatency() {
        return metric.type() == ThresholdMetric.Type.TREND;
    }

    public boolean isErrorRate() {
        return metric == ThresholdMetric.MCP_REQ_ERROR_RATE;
    }

    public boolean isPerSecond() {
        return !isLatency() && !isErrorRate() && aggregation.name().equals("rate");
    }

    /** A value in the figure's unit: {@code 12.31ms}, {@code 0.50%}, {@code 411.5/s}, {@code 12,345}. */
    public String format(double v) {
        if (isLatency()) {
            return String.format(Locale.ROOT, "%.2fms", v);
        }
        if (isErrorRate()) {
            return String.format(Locale.ROOT, "%.2f%%", v * 100);
        }
        if (isPerSecond()) {
            return String.format(Locale.ROOT, "%,.1f/s", v);
        }
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** A difference in the figure's unit, signed: {@code +2.89ms}, {@code +0.50pp}, {@code -1.8/s}, {@code +55}. */
    public String formatDifference(double d) {
        String sign = d > 0 ? "+" : d < 0 ? "-" : "±";
        double a = Math.abs(d);
        if (isLatency()) {
            return sign + String.format(Locale.ROOT, "%.2fms", a);
        }
        if (isErrorRate()) {
            return sign + String.format(Locale.ROOT, "%.2fpp", a * 100);
        }
        if (isPerSecond()) {
            return sign + String.format(Locale.ROOT, "%,.1f/s", a);
        }
        return sign + String.format(Locale.ROOT, "%,d", Math.round(a));
    }
}
