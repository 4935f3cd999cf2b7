package dev.mcpload.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whether two runs differ by more than each run differs from itself. A run's whole-run p99 is one number; its
 * intervals give many (one p99, one throughput, one error rate per 2 s), and their spread is the run's own
 * noise. The two runs' per-interval values are compared with the Mann-Whitney U test (two-sided, normal
 * approximation with the tie correction and continuity correction): it asks whether one run's intervals tend to
 * sit above the other's, needs no assumption about the shape of latency distributions, and is not moved by one
 * wild interval. A difference with p &ge; {@link #ALPHA} is inside noise: the intervals of the two runs mix as
 * the intervals of one run would.
 *
 * <p>Intervals are not independent (a slow GC pause spans neighbours), so the p-value is an indication, not a
 * proof; it is the same indication for both directions, which is what a regression gate needs.
 */
public final class Noise {
    /** Below this p-value the two runs' intervals are judged to differ. */
    public static final double ALPHA = 0.05;
    /** Fewer intervals than this in either run and the spread says too little to judge (2 s each: 10 s runs). */
    public static final int MIN_INTERVALS = 5;

    /** The verdict on one figure. */
    public enum State { INSIDE, BEYOND, NOT_JUDGED }

    /**
     * @param state    inside or beyond noise, or not judged (with {@code why})
     * @param p        the two-sided p-value (NaN when not judged)
     * @param baseline the baseline's per-interval spread
     * @param current  the current run's per-interval spread
     * @param why      why it was not judged, or null
     */
    public record Verdict(State state, double p, Spread baseline, Spread current, String why) {
        static Verdict notJudged(String why, Spread baseline, Spread current) {
            return new Verdict(State.NOT_JUDGED, Double.NaN, baseline, current, why);
        }
    }

    /** The per-interval values of one run, summarised: how many, their median and interquartile range. */
    public record Spread(int intervals, double median, double p25, double p75) {
        static Spread of(double[] values) {
            if (values.length == 0) {
                return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double[] v = values.clone();
            Arrays.sort(v);
            return new Spread(v.length, quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75));
        }

        /** Linear interpolation between closest ranks (as R's type 7 and numpy's default). */
        private static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
    }

    private Noise() {
    }

    /** The verdict on two runs' per-interval values of the same figure (nulls, intervals with nothing to measure, are left out). */
    public static Verdict judge(List<Double> baseline, List<Double> current) {
        double[] a = present(baseline);
        double[] b = present(current);
        Spread sa = Spread.of(a);
        Spread sb = Spread.of(b);
        if (a.length < MIN_INTERVALS || b.length < MIN_INTERVALS) {
            return Verdict.notJudged("too few intervals to judge noise (" + a.length + " and " + b.length
                    + " with a value; at least " + MIN_INTERVALS + " each, i.e. runs of "
                    + MIN_INTERVALS * 2 + " s or more)", sa, sb);
        }
        double p = mannWhitneyP(a, b);
        return new Verdict(p < ALPHA ? State.BEYOND : State.INSIDE, p, sa, sb, null);
    }

    private static double[] present(List<Double> values) {
        List<Double> out = new ArrayList<>(values.size());
        for (Double v : values) {
            if (v != null && !v.isNaN() && !v.isInfinite()) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The two-sided p-value of the Mann-Whitney U test of {@code a} against {@code b}. */
    static double mannWhitneyP(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        int n = n1 + n2;
        double[][] all = new double[n][];
        for (int i = 0; i < n1; i++) {
            all[i] = new double[] {a[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            all[n1 + i] = new double[] {b[i], 1};
        }
        Arrays.sort(all, (x, y) -> Double.compare(x[0], y[0]));
        double rankSumA = 0;
        double ties = 0; // sum of t^3 - t over groups of equal values
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // the mean of ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 0) {
                    rankSumA += rank;
                }
            }
            double t = j - i + 1;
            ties += t * t * t - t;
            i = j + 1;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - ties / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1; // every value equal: nothing tells the runs apart
        }
        double z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * (1 - normalCdf(z)));
    }

    /** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
