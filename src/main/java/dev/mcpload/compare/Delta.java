package dev.mcpload.compare;

/**
 * One figure of both runs, the difference and what it means: worse, better, or no difference that counts.
 *
 * @param baseline the baseline's value, or null when it measured nothing this figure selects
 * @param current  the current run's value, or null likewise
 * @param noise    whether the difference is inside the runs' own interval-to-interval noise
 * @param samples  what the figure is computed from in the run with fewer: requests for rates, successes for
 *                 latency (the handshakes of a 2-VU run are 2: their p99 is no basis for a mark)
 */
public record Delta(Figure figure, Double baseline, Double current, Noise.Verdict noise, long samples) {
    /** Without a noise judgement, a figure computed from fewer samples than this in either run is not marked. */
    public static final long FEW_SAMPLES = 30;

    /** A delta whose figure has samples enough (tests, rules on figures built elsewhere). */
    public Delta(Figure figure, Double baseline, Double current, Noise.Verdict noise) {
        this(figure, baseline, current, noise, Long.MAX_VALUE);
    }

    /**
     * Below this relative change a difference is not called a regression or an improvement even when the
     * intervals tell the runs apart (long runs make 0.3 % "significant"; nobody gates on it).
     */
    public static final double MATERIAL = 0.01;
    /** Without a noise judgement (runs too short, or reports before 1.4), only changes this large are marked. */
    public static final double MATERIAL_UNJUDGED = 0.05;
    /** An error rate's change must also be this large in absolute terms: 0.01 pp beyond noise, 0.1 pp without a judgement. */
    private static final double ERROR_RATE_MATERIAL = 0.0001;
    private static final double ERROR_RATE_MATERIAL_UNJUDGED = 0.001;

    /** What a difference means for the current run. */
    public enum Mark {
        /** The current run is worse, by more than noise and by a material amount. */
        WORSE,
        /** The current run is better likewise. */
        BETTER,
        /** Different, but inside noise. */
        NOISE,
        /** No difference to speak of, a figure with no better direction, or one side measured nothing. */
        NONE
    }

    public boolean comparable() {
        return baseline != null && current != null;
    }

    /** current − baseline, in the figure's unit (NaN when not comparable). */
    public double difference() {
        return comparable() ? current - baseline : Double.NaN;
    }

    /** The difference relative to the baseline: 0.1 is +10 %; infinite from a baseline of 0. */
    public double relative() {
        if (!comparable()) {
            return Double.NaN;
        }
        if (baseline == 0) {
            return current == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, current);
        }
        return (current - baseline) / Math.abs(baseline);
    }

    public Mark mark() {
        if (!comparable() || figure.better() == Figure.Better.NEITHER || difference() == 0) {
            return Mark.NONE;
        }
        boolean judged = noise.state() != Noise.State.NOT_JUDGED;
        if (noise.state() == Noise.State.INSIDE) {
            return Mark.NOISE;
        }
        if (!judged && samples < FEW_SAMPLES) {
            return Mark.NONE;
        }
        boolean relativelyMaterial = Math.abs(relative()) >= (judged ? MATERIAL : MATERIAL_UNJUDGED);
        boolean material = figure.isErrorRate()
                ? relativelyMaterial
                && Math.abs(difference()) >= (judged ? ERROR_RATE_MATERIAL : ERROR_RATE_MATERIAL_UNJUDGED)
                : relativelyMaterial;
        if (!material) {
            return Mark.NONE;
        }
        boolean higher = difference() > 0;
        return higher == (figure.better() == Figure.Better.HIGHER) ? Mark.BETTER : Mark.WORSE;
    }

    /** The relative change as a person reads it: {@code +12.3%}, {@code -4.0%}, {@code new} from zero. */
    public String relativeText() {
        double r = relative();
        if (Double.isNaN(r) || difference() == 0) {
            return "";
        }
        if (Double.isInfinite(r)) {
            return "from 0";
        }
        return String.format(java.util.Locale.ROOT, "%+.1f%%", r * 100);
    }
}
