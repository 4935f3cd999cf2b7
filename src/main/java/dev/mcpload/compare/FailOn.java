package dev.mcpload.compare;

import dev.mcpload.config.DidYouMean;
import dev.mcpload.threshold.Aggregation;
import dev.mcpload.threshold.ThresholdMetric;
import dev.mcpload.threshold.ThresholdParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --fail-on} rule of {@code mcpload compare}: a figure, an operator and a change from the baseline,
 * e.g. {@code p99 > +10%}, {@code error_rate > +0.5pp}, {@code throughput < -5%},
 * {@code p(95){tool:search} > +20ms}, {@code mcp_init_duration p(99) > +25%}. The comparison fails when the
 * change (current − baseline) satisfies the rule.
 *
 * <p>The figure is a short name ({@code p50} … {@code p999}, {@code p(N)}, {@code avg}, {@code med}, {@code min},
 * {@code max} of {@code mcp_req_duration}; {@code error_rate}; {@code throughput}) or a threshold metric with its
 * aggregation; either takes a threshold's filter ({@code {tool:search}}). The change is relative ({@code %} of
 * the baseline), in percentage points ({@code pp}, error rates only) or absolute in the figure's unit
 * ({@code ms}, {@code /s}, or a plain number).
 *
 * @param text   the rule as written
 * @param figure what it compares
 * @param op     {@code >}, {@code >=}, {@code <} or {@code <=}
 * @param bound  the change it fails beyond, in {@code unit}
 * @param unit   {@code %}, {@code pp} or {@code ""} (the figure's own unit)
 */
public record FailOn(String text, Figure figure, String op, double bound, String unit) {
    private static final Pattern RULE = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\(\\s*[0-9.]+\\s*\\))?)\\s*(\\{[^}]*\\})?\\s*"
                    + "([A-Za-z]+(?:\\(\\s*[0-9.]+\\s*\\))?)?\\s*(>=|<=|>|<)\\s*([-+]?[0-9]*\\.?[0-9]+)\\s*(%|pp|ms|/s)?\\s*");
    private static final Pattern SHORT_PERCENTILE = Pattern.compile("p([0-9]+)");
    private static final Pattern PERCENTILE = Pattern.compile("p\\(\\s*([0-9.]+)\\s*\\)");
    private static final List<String> SHORT_NAMES = List.of("p50", "p90", "p95", "p99", "p999", "p(N)", "avg",
            "med", "min", "max", "error_rate", "throughput");

    /** The outcome of a rule: the change observed and whether the rule failed (a change it forbids, or nothing to compare). */
    public record Outcome(FailOn rule, Delta delta, boolean failed, String observed) {
    }

    public static FailOn parse(String text) {
        Matcher m = RULE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--fail-on '" + text + "' is not a rule: write FIGURE OPERATOR CHANGE,"
                    + " e.g. 'p99 > +10%', 'error_rate > +0.5pp', 'throughput < -5%', 'p(95){tool:search} > +20ms'");
        }
        String name = m.group(1).replace(" ", "").toLowerCase(Locale.ROOT);
        String tagsText = m.group(2) == null ? "" : m.group(2);
        String aggText = m.group(3) == null ? null : m.group(3).replace(" ", "").toLowerCase(Locale.ROOT);
        ThresholdMetric metric;
        Aggregation agg;
        ThresholdMetric full = ThresholdMetric.byName(name);
        if (full != null) {
            metric = full;
            agg = aggregation(text, metric, aggText);
        } else {
            if (aggText != null) {
                throw new IllegalArgumentException("--fail-on '" + text + "': '" + m.group(1) + "' is already a figure;"
                        + " '" + m.group(3) + "' after it is not understood");
            }
            Map.Entry<ThresholdMetric, Aggregation> s = shortName(text, name);
            metric = s.getKey();
            agg = s.getValue();
        }
        Map<String, String> tags = tagsText.isEmpty() ? Map.of()
                : targetTags(text, metric.metricName() + tagsText);
        String label = metric.type() == ThresholdMetric.Type.TREND ? metric.metricName() + " " + agg.label()
                : metric.metricName();
        Figure.Better better = metric == ThresholdMetric.MCP_REQ_THROUGHPUT || metric.ceilingOnly()
                ? Figure.Better.HIGHER
                : Figure.Better.LOWER;
        Figure figure = new Figure(label, metric, agg, tags, better);
        String unit = unit(text, figure, m.group(6) == null ? "" : m.group(6));
        return new FailOn(text.trim(), figure, m.group(4), Double.parseDouble(m.group(5)), unit);
    }

    private static Map<String, String> targetTags(String text, String target) {
        try {
            return ThresholdParser.target(target).tags();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fail-on '" + text + "': " + e.getMessage());
        }
    }

    private static Map.Entry<ThresholdMetric, Aggregation> shortName(String text, String name) {
        ThresholdMetric d = ThresholdMetric.MCP_REQ_DURATION;
        switch (name) {
            case "error_rate":
                return Map.entry(ThresholdMetric.MCP_REQ_ERROR_RATE, new Aggregation("rate", 0));
            case "throughput", "rps":
                return Map.entry(ThresholdMetric.MCP_REQ_THROUGHPUT, new Aggregation("rate", 0));
            case "avg", "mean":
                return Map.entry(d, new Aggregation("avg", 0));
            case "med", "min", "max":
                return Map.entry(d, new Aggregation(name, 0));
            default:
                break;
        }
        Double p = percentile(name);
        if (p == null) {
            String close = DidYouMean.closest(name, SHORT_NAMES);
            throw new IllegalArgumentException("--fail-on '" + text + "': unknown figure '" + name + "'"
                    + (close != null ? "; did you mean '" + close + "'?" : "") + " (figures: "
                    + String.join(", ", SHORT_NAMES) + ", or a metric with its aggregation: "
                    + String.join(", ", ThresholdMetric.names()) + ")");
        }
        return Map.entry(d, new Aggregation(Aggregation.PERCENTILE, p));
    }

    /** {@code p99} → 99, {@code p999} → 99.9, {@code p50} → 50, {@code p(99.5)} → 99.5; null if not a percentile. */
    private static Double percentile(String name) {
        Matcher s = SHORT_PERCENTILE.matcher(name);
        Matcher full = PERCENTILE.matcher(name);
        double p;
        if (s.matches()) {
            String digits = s.group(1); // p999 is p(99.9), as in k6's summary; p100 is the maximum
            p = Double.parseDouble(digits.length() > 2 && !digits.equals("100")
                    ? digits.substring(0, 2) + "." + digits.substring(2) : digits);
        } else if (full.matches()) {
            p = Double.parseDouble(full.group(1));
        } else {
            return null;
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("--fail-on: the percentile of '" + name + "' is above 0 and at most 100");
        }
        return p;
    }

    private static Aggregation aggregation(String text, ThresholdMetric metric, String aggText) {
        List<String> takes = metric.type().aggregations();
        if (aggText == null) {
            if (metric.type() == ThresholdMetric.Type.TREND) {
                throw new IllegalArgumentException("--fail-on '" + text + "': say which figure of "
                        + metric.metricName() + ": " + String.join(", ", takes) + ", e.g. '"
                        + metric.metricName() + " p(99) > +10%'");
            }
            return new Aggregation(metric.type().aggregations().get(0), 0); // rate, count or value
        }
        Double p = aggText.startsWith("p") && !aggText.equals("p") ? percentile(aggText) : null;
        if (p != null && takes.contains("p(N)")) {
            return new Aggregation(Aggregation.PERCENTILE, p);
        }
        if (p == null && takes.contains(aggText)) {
            return new Aggregation(aggText, 0);
        }
        throw new IllegalArgumentException("--fail-on '" + text + "': '" + aggText + "' is not an aggregation of "
                + metric.metricName() + ": use " + String.join(", ", takes));
    }

    private static String unit(String text, Figure f, String written) {
        switch (written) {
            case "%":
                return "%";
            case "pp":
                if (!f.isErrorRate()) {
                    throw new IllegalArgumentException("--fail-on '" + text + "': pp (percentage points) is for"
                            + " error rates; write the change of " + f.label() + " in % or in its unit");
                }
                return "pp";
            case "ms":
                if (!f.isLatency()) {
                    throw new IllegalArgumentException("--fail-on '" + text + "': ms is for latency figures; write"
                            + " the change of " + f.label() + " in %" + (f.isErrorRate() ? " or pp" : ""));
                }
                return "";
            case "/s":
                if (!f.isPerSecond()) {
                    throw new IllegalArgumentException("--fail-on '" + text + "': /s is for rates per second;"
                            + " write the change of " + f.label() + " in %");
                }
                return "";
            default:
                if (f.isErrorRate()) {
                    throw new IllegalArgumentException("--fail-on '" + text + "': say whether the change is in"
                            + " percentage points (+0.5pp) or relative to the baseline (+10%)");
                }
                return "";
        }
    }

    /** The rule's change in its unit, from a delta of its figure (NaN when one run measured nothing). */
    double change(Delta d) {
        return switch (unit) {
            case "%" -> d.relative() * 100;
            case "pp" -> d.difference() * 100;
            default -> d.difference();
        };
    }

    /** Judges the rule on the delta of its figure: nothing to compare fails, as a threshold on nothing does. */
    public Outcome judge(Delta d) {
        if (!d.comparable()) {
            String side = d.baseline() == null && d.current() == null ? "neither run"
                    : d.baseline() == null ? "the baseline" : "the current run";
            return new Outcome(this, d, true, side + " measured nothing it selects");
        }
        double c = change(d);
        boolean failed = switch (op) {
            case ">" -> c > bound;
            case ">=" -> c >= bound;
            case "<" -> c < bound;
            default -> c <= bound;
        };
        String observed = switch (unit) {
            case "%" -> Double.isInfinite(c) ? "from 0 to " + figure.format(d.current())
                    : String.format(Locale.ROOT, "%+.1f%%", c);
            case "pp" -> String.format(Locale.ROOT, "%+.2fpp", c);
            default -> figure.formatDifference(c);
        };
        return new Outcome(this, d, failed, observed);
    }
}
