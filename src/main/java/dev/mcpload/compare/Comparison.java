package dev.mcpload.compare;

import dev.mcpload.metrics.MetricKey;
import dev.mcpload.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two runs side by side: every headline figure and every key's figures with their differences and noise
 * verdicts, what differs in how the runs were set up (a comparison of different tests is labelled as one), and
 * the {@code --fail-on} rules judged. Built once from the two runs; the printer and the HTML page only render it.
 *
 * @param keys        one row per operation key seen in either run (initialize apart), in key order
 * @param setup       how the runs' setups differ: target, protocol, transport, config (empty when alike)
 * @param outcomes    the rules, in the order given
 */
public record Comparison(RunSide baseline, RunSide current, List<Delta> headline, List<KeyRow> keys,
                         List<String> setup, List<FailOn.Outcome> outcomes) {
    /** One key's figures: p50, p95, p99, error rate, throughput ({@link Figure#perKey}). */
    public record KeyRow(MetricKey key, boolean inBaseline, boolean inCurrent, List<Delta> deltas) {
        public Delta p99() {
            return deltas.get(2);
        }

        /** The worst mark of the row, for highlighting it. */
        public Delta.Mark mark() {
            if (deltas.stream().anyMatch(d -> d.mark() == Delta.Mark.WORSE)) {
                return Delta.Mark.WORSE;
            }
            return deltas.stream().anyMatch(d -> d.mark() == Delta.Mark.BETTER) ? Delta.Mark.BETTER : Delta.Mark.NONE;
        }
    }

    public static Comparison of(RunSide baseline, RunSide current, List<FailOn> rules) {
        List<Delta> headline = Figure.headline().stream().map(f -> delta(f, baseline, current)).toList();
        TreeSet<MetricKey> keys = new TreeSet<>(baseline.run().operations().keySet());
        keys.addAll(current.run().operations().keySet());
        List<KeyRow> rows = new ArrayList<>();
        for (MetricKey k : keys) {
            rows.add(new KeyRow(k, baseline.run().operations().containsKey(k),
                    current.run().operations().containsKey(k),
                    Figure.perKey(k).stream().map(f -> delta(f, baseline, current)).toList()));
        }
        List<FailOn.Outcome> outcomes = rules.stream().map(r -> r.judge(delta(r.figure(), baseline, current)))
                .toList();
        return new Comparison(baseline, current, headline, rows, SetupDifferences.of(baseline.run(), current.run(),
                Objects.equals(baseline.schemaVersion(), current.schemaVersion())),
                outcomes);
    }

    /** One figure of both runs, with the verdict on its noise. */
    static Delta delta(Figure f, RunSide baseline, RunSide current) {
        Double b = f.of(baseline.whole());
        Double c = f.of(current.whole());
        Noise.Verdict noise;
        if (!baseline.hasIntervals() || !current.hasIntervals()) {
            RunSide old = baseline.hasIntervals() ? current : baseline;
            noise = Noise.Verdict.notJudged(old.file() + " is a report " + old.schemaVersion() + ", which keeps no"
                    + " per-interval histograms (they came in 1.4)", null, null);
        } else if (f.metric().ceilingOnly()) {
            noise = Noise.Verdict.notJudged("one figure per search, not one per interval", null, null);
        } else if (f.better() == Figure.Better.NEITHER) {
            noise = Noise.Verdict.notJudged("a count: a longer run has more, by design", null, null);
        } else if (b == null || c == null || Objects.equals(b, c)) {
            noise = Noise.Verdict.notJudged(b == null || c == null ? "one run measured nothing it selects"
                    : "the two runs have the same value", null, null);
        } else {
            noise = Noise.judge(baseline.perInterval(f), current.perInterval(f));
        }
        return new Delta(f, b, c, noise, Math.min(f.samples(baseline.whole()), f.samples(current.whole())));
    }

    /** The headline delta of a figure, by its label ({@code mcp_req_duration p(99)}). */
    public Delta headline(String label) {
        return headline.stream().filter(d -> d.figure().label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no headline figure " + label));
    }

    public boolean failed() {
        return outcomes.stream().anyMatch(FailOn.Outcome::failed);
    }

    /** Breaking points and ceilings, which are single facts of a run, not distributions. */
    public static String breakingPoint(RunResult r) {
        if (r.breakingPoint().isPresent()) {
            return "at " + r.breakingPoint().get().vus() + " VUs";
        }
        return r.breakingPointJudged() ? "none" : "not judged";
    }
}
