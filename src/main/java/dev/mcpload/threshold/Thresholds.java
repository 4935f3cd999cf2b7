package dev.mcpload.threshold;

import java.util.ArrayList;
import java.util.List;

/** Judges thresholds on what a run observed. */
public final class Thresholds {
    private Thresholds() {
    }

    public static ThresholdResult judge(Threshold t, Observed o) {
        Double v = ThresholdMetric.byName(t.metric()).observe(t.aggregation(), t.tags(), o);
        return new ThresholdResult(t, v, v != null && t.comparison().holds(v, t.value()), false);
    }

    /** Every threshold, in the order given; {@code abortedBy} (or null) is the one that stopped the run. */
    public static List<ThresholdResult> judge(List<Threshold> thresholds, Observed o, Threshold abortedBy) {
        List<ThresholdResult> out = new ArrayList<>();
        for (Threshold t : thresholds) {
            ThresholdResult r = judge(t, o);
            out.add(t == abortedBy ? new ThresholdResult(t, r.observed(), r.passed(), true) : r);
        }
        return out;
    }

    /**
     * One figure of a run, as a threshold would see it: {@code metric}'s {@code a} over what {@code tags} select,
     * or null when there is nothing to observe. {@code mcpload compare} reads both runs' figures through this, so
     * a compared figure is exactly the figure a threshold on the same metric judges.
     */
    public static Double value(ThresholdMetric metric, Aggregation a, java.util.Map<String, String> tags, Observed o) {
        return metric.observe(a, tags, o);
    }

    public static boolean allPassed(List<ThresholdResult> results) {
        return results.stream().allMatch(ThresholdResult::passed);
    }
}
