package dev.mcpload.output;

import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyInterval;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.result.RunResult;
import dev.mcpload.threshold.Observed;
import dev.mcpload.threshold.Threshold;
import dev.mcpload.threshold.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The thresholds with {@code abort_on_fail}, judged at each closed interval on the sum of the intervals so far
 * (the same exact histograms the end of the run judges), once the run is {@code delay_abort_eval} old. The first
 * that fails stops the run as Ctrl-C does (a graceful stop: the summary and every report are still written) and
 * is remembered, so the end of the run can say which one did it. Nothing observed yet (no latency recorded) is
 * not a failure here: it stops nothing, and at the end it fails as any threshold on nothing does. It
 * Not in the registry: {@code mcpload run} adds it
 * when a threshold asks for it.
 */
public final class ThresholdAbort implements Output, StopsRun {
    private final List<Threshold> watched;
    private final Map<MetricKey, KeyTotals> totals = new TreeMap<>();
    private long dropped;
    private Runnable stopRun = () -> {
    };
    private volatile Threshold abortedBy;

    public ThresholdAbort(List<Threshold> thresholds) {
        this.watched = thresholds.stream().filter(Threshold::abortOnFail).toList();
    }

    @Override
    public void setRunStop(Runnable stopRun) {
        this.stopRun = stopRun;
    }

    @Override
    public void onInterval(Interval interval) {
        if (watched.isEmpty() || abortedBy != null) {
            return;
        }
        for (KeyInterval k : interval.keys().values()) {
            totals.computeIfAbsent(k.key(), KeyTotals::new).add(k);
        }
        dropped += interval.events().droppedIterations();
        Observed so = new Observed(totals, interval.endMs(), dropped);
        for (Threshold t : watched) {
            var judged = Thresholds.judge(t, so);
            if (interval.endMs() >= t.delayAbortEvalMs() && judged.observed() != null && !judged.passed()) {
                abortedBy = t;
                stopRun.run();
                return;
            }
        }
    }

    /** The threshold that stopped the run, or null. */
    public Threshold abortedBy() {
        return abortedBy;
    }

    @Override
    public void finish(RunResult result) {
    }
}
