package dev.mcpload.threshold;

/**
 * What a threshold takes of a metric, as in k6: of a trend {@code avg}, {@code min}, {@code med}, {@code max} or
 * a percentile {@code p(N)}; of a rate {@code rate}; of a counter {@code count} or {@code rate} (per second).
 *
 * @param name       {@code p} for a percentile, else the aggregation's name
 * @param percentile the percentile for {@code p(N)} (0 &lt; N &le; 100), else 0
 */
public record Aggregation(String name, double percentile) {
    public static final String PERCENTILE = "p";

    public boolean isPercentile() {
        return name.equals(PERCENTILE);
    }

    /** As written in an expression: {@code p(99.9)}, {@code avg}. */
    public String label() {
        return isPercentile() ? "p(" + Numbers.plain(percentile) + ")" : name;
    }
}
