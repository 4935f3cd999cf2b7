package dev.mcpload.threshold;

import java.util.Map;

/**
 * One pass/fail criterion, as k6 writes them: {@code mcp_req_duration{tool:search}} with {@code p(99) < 500}.
 * Read and checked once when the config (or {@code --threshold}) is loaded, so a typo never passes silently.
 *
 * @param metric           the metric's name ({@link ThresholdMetric})
 * @param tags             the filter, in the order written ({@code tool}, {@code operation}, ...); empty for the
 *                         whole run
 * @param aggregation      what is taken of the metric: {@code p(99)}, {@code avg}, {@code rate}, {@code count} ...
 * @param comparison       how the observed value is compared with {@code value}
 * @param value            the bound, in the metric's unit (milliseconds, a fraction, requests per second, a count)
 * @param source           where it was written, for messages and the report: {@code loadtest.toml:12} or
 *                         {@code --threshold}
 * @param abortOnFail      k6's {@code abort_on_fail}: the run stops as soon as this fails (checked each interval)
 * @param delayAbortEvalMs k6's {@code delay_abort_eval}: how long into the run before it may stop it
 */
public record Threshold(String metric, Map<String, String> tags, Aggregation aggregation, Comparison comparison,
                        double value, String source, boolean abortOnFail, long delayAbortEvalMs) {
    public Threshold {
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** The metric with its filter, as written: {@code mcp_req_duration{tool:search}}. */
    public String target() {
        if (tags.isEmpty()) {
            return metric;
        }
        StringBuilder sb = new StringBuilder(metric).append('{');
        tags.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(k).append(':').append(v));
        return sb.append('}').toString();
    }

    /** The criterion in a canonical spelling: {@code p(99) < 500}. */
    public String expression() {
        return aggregation.label() + " " + comparison.symbol() + " " + Numbers.plain(value);
    }
}
