package dev.mcpload.compare;

import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.Interval;
import dev.mcpload.result.ReportDocument;
import dev.mcpload.result.RunResult;
import dev.mcpload.threshold.Observed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One of the two runs, as a comparison reads it: the run, where it came from, its whole-run figures and each
 * interval's own (for the noise judgement). Reports before schema 1.4 keep no intervals, so their figures can be
 * compared but not their noise.
 *
 * @param file          the report's path, as given
 * @param schemaVersion the report's schema version
 * @param timeseries    each interval's headline figures as the report wrote them (every version has them)
 * @param intervals     each full interval's observation, in order (empty before 1.4); the last interval of a run
 *                      is usually cut short by the end and is left out when under half the others' length, as its
 *                      throughput and percentiles would be of a different sample size
 */
public record RunSide(String file, String schemaVersion, RunResult run, List<ReportDocument.Point> timeseries,
                      Observed whole, List<Observed> intervals) {
    public static RunSide of(String file, ReportDocument document, RunResult run) {
        return new RunSide(file, document.schemaVersion(), run,
                document.timeseries() == null ? List.of() : document.timeseries(), run.observed(),
                intervals(run.intervals()));
    }

    private static List<Observed> intervals(List<EncodedInterval> encoded) {
        if (encoded.isEmpty()) {
            return List.of();
        }
        long[] lengths = encoded.stream().mapToLong(i -> i.endMs() - i.startMs()).sorted().toArray();
        long typical = lengths[lengths.length / 2];
        List<Observed> out = new ArrayList<>(encoded.size());
        for (EncodedInterval e : encoded) {
            long length = e.endMs() - e.startMs();
            if (length * 2 >= typical && length > 0) {
                Interval i = e.decode();
                out.add(new Observed(Interval.sum(List.of(i)), length, i.events().droppedIterations()));
            }
        }
        return out;
    }

    /** Whether this report keeps per-interval histograms (schema 1.4 and later). */
    public boolean hasIntervals() {
        return !run.intervals().isEmpty();
    }

    /** The figure in each interval (null where it measured nothing). */
    List<Double> perInterval(Figure f) {
        return Arrays.asList(intervals.stream().map(f::of).toArray(Double[]::new));
    }
}
