package dev.mcpload.threshold;

/**
 * A threshold as judged: the value observed (null when there was nothing to observe, which fails) and whether it
 * held. {@code abortedRun} marks the one that stopped the run early ({@code abort_on_fail}).
 */
public record ThresholdResult(Threshold threshold, Double observed, boolean passed, boolean abortedRun) {
    /** The observed value as the summary shows it: {@code p(99)=12.31ms}, or {@code no data}. */
    public String observedText() {
        if (observed == null) {
            return "no data";
        }
        ThresholdMetric m = ThresholdMetric.byName(threshold.metric());
        return threshold.aggregation().label() + "=" + m.format(threshold.aggregation(), observed);
    }
}
