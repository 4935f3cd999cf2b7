package dev.mcpload.threshold;

import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import java.util.Map;

/**
 * What thresholds are evaluated on: the totals by key (whole histograms, so every percentile is exact and never
 * averaged), how long the load ran, and the iterations an open model dropped. At the end they are the finished
 * run's; while the load runs, the sum of the intervals so far ({@code output.ThresholdAbort}). {@code ceiling} is
 * what {@code mcpload ceiling} found, or null for a run that searched none.
 */
public record Observed(Map<MetricKey, KeyTotals> totals, long elapsedMs, long droppedIterations, Integer ceiling) {
    /** What a run without a ceiling search observed. */
    public Observed(Map<MetricKey, KeyTotals> totals, long elapsedMs, long droppedIterations) {
        this(totals, elapsedMs, droppedIterations, null);
    }
}
