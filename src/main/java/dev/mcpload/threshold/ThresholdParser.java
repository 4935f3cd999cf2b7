package dev.mcpload.threshold;

import dev.mcpload.config.DidYouMean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads k6's threshold syntax: a target {@code METRIC} or {@code METRIC{tag:value,...}} and an expression
 * {@code AGGREGATION OPERATOR NUMBER} ({@code p(99) < 500}, {@code rate<0.01}, {@code avg <= 100}). Everything is
 * checked here, against {@link ThresholdMetric}: an unknown metric, tag or aggregation, or an aggregation the
 * metric's type does not take, is an {@link IllegalArgumentException} whose message says what would be right.
 */
public final class ThresholdParser {
    private static final Pattern TARGET = Pattern.compile("\\s*([A-Za-z0-9_]+)\\s*(?:\\{(.*)\\})?\\s*");
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*([A-Za-z]+)\\s*(?:\\(\\s*([0-9.]+)\\s*\\))?\\s*(===|==|!=|<=|>=|<|>)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

    private ThresholdParser() {
    }

    /** The metric and its filter of a target such as {@code mcp_req_duration{tool:search}}. */
    public record Target(ThresholdMetric metric, Map<String, String> tags) {
    }

    public static Target target(String text) {
        Matcher m = TARGET.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a metric: write METRIC or METRIC{tag:value},"
                    + " e.g. mcp_req_duration{tool:search}");
        }
        String name = m.group(1);
        ThresholdMetric metric = ThresholdMetric.byName(name);
        if (metric == null) {
            String close = DidYouMean.closest(name, ThresholdMetric.names());
            throw new IllegalArgumentException("unknown metric '" + name + "'" + (close != null ? "; did you mean '"
                    + close + "'?" : "; the metrics are " + String.join(", ", ThresholdMetric.names())));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (m.group(2) != null) {
            if (!metric.taggable()) {
                throw new IllegalArgumentException(name + " has no tags to filter by: write it without {...}");
            }
            for (String part : m.group(2).split(",", -1)) {
                int colon = part.indexOf(':');
                String key = colon < 0 ? part.trim() : part.substring(0, colon).trim();
                String value = colon < 0 ? "" : part.substring(colon + 1).trim();
                if (colon < 0 || key.isEmpty() || value.isEmpty()) {
                    throw new IllegalArgumentException("'{" + m.group(2) + "}': each tag is key:value, e.g. {tool:search}");
                }
                if (!ThresholdMetric.TAGS.contains(key)) {
                    String close = DidYouMean.closest(key, ThresholdMetric.TAGS);
                    throw new IllegalArgumentException("unknown tag '" + key + "'" + (close != null ? "; did you mean '"
                            + close + "'?" : "; the tags are " + String.join(", ", ThresholdMetric.TAGS)));
                }
                if (tags.put(key, value) != null) {
                    throw new IllegalArgumentException("tag '" + key + "' is given twice in '" + text.trim() + "'");
                }
            }
        }
        return new Target(metric, tags);
    }

    /** A threshold: {@code target} as {@link #target}, {@code expression} in k6's syntax. */
    public static Threshold parse(String target, String expression, String source, boolean abortOnFail,
                                  long delayAbortEvalMs) {
        Target t = target(target);
        Matcher m = EXPRESSION.matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + expression + "' is not a threshold expression: write"
                    + " AGGREGATION OPERATOR NUMBER, e.g. " + example(t.metric()));
        }
        String aggName = m.group(1).toLowerCase(Locale.ROOT);
        java.util.List<String> takes = t.metric().type().aggregations();
        boolean percentile = aggName.equals("p");
        if (percentile ? !takes.contains("p(N)") : !takes.contains(aggName) || m.group(2) != null) {
            String close = DidYouMean.closest(aggName, takes);
            throw new IllegalArgumentException("'" + aggName + (m.group(2) != null ? "(" + m.group(2) + ")" : "")
                    + "' is not an aggregation of " + t.metric().metricName() + " (a "
                    + t.metric().type().name().toLowerCase(Locale.ROOT) + "): use " + String.join(", ", takes)
                    + (close != null && !percentile ? "; did you mean '" + close + "'?" : ""));
        }
        double p = 0;
        if (percentile) {
            if (m.group(2) == null) {
                throw new IllegalArgumentException("'p' needs its percentile: p(99), p(99.9)");
            }
            p = Double.parseDouble(m.group(2));
            if (!(p > 0 && p <= 100)) {
                throw new IllegalArgumentException("p(" + m.group(2) + "): the percentile is above 0 and at most 100");
            }
        }
        if (abortOnFail && t.metric().ceilingOnly()) {
            throw new IllegalArgumentException(t.metric().metricName() + " is known only when the ceiling search"
                    + " ends, so abort_on_fail has nothing to stop: drop it");
        }
        return new Threshold(t.metric().metricName(), t.tags(), new Aggregation(aggName, p),
                Comparison.of(m.group(3)), Double.parseDouble(m.group(4)), source, abortOnFail, delayAbortEvalMs);
    }

    /**
     * The command line's form, {@code METRIC[{tag:value}]=EXPRESSION}: split at the first {@code =} outside the
     * braces, so {@code p(99)<=500} keeps its operator.
     */
    public static Threshold parseFlag(String flag) {
        int depth = 0;
        for (int i = 0; i < flag.length(); i++) {
            char c = flag.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '=' && depth == 0) {
                return parse(flag.substring(0, i), flag.substring(i + 1), "--threshold", false, 0);
            }
        }
        throw new IllegalArgumentException("write METRIC=EXPRESSION, e.g. 'mcp_req_duration=p(99)<500'");
    }

    private static String example(ThresholdMetric m) {
        return switch (m.type()) {
            case TREND -> "'p(99) < 500' (milliseconds)";
            case RATE -> m == ThresholdMetric.MCP_REQ_ERROR_RATE ? "'rate < 0.01'" : "'rate > 100'";
            case COUNTER -> "'count < 10'";
            case GAUGE -> "'value >= 100'";
        };
    }
}
