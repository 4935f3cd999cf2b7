package dev.mcpload.ceiling;

import java.util.List;

/**
 * Where P99 starts to grow faster than linearly in sessions: the Kneedle method (Satopää et al., 2011) on the
 * measured steps. Sessions and P99 are scaled to 0..1 between the first and the last step; a curve that grows
 * faster than linearly lies below the straight line joining its ends, and the knee is the step farthest below it
 * — the last step of the linear region before the growth bends upwards. Without at least three steps, or when no
 * step lies clearly below the line ({@link #MIN_DISTANCE}), growth stayed about linear and there is no knee.
 */
public final class Knee {
    /** How far below the line (in the 0..1 scale) a step must be to count as a bend, not noise. */
    static final double MIN_DISTANCE = 0.1;

    private Knee() {
    }

    /** The knee's sessions, or null; {@code steps} in ascending sessions, one per session count. */
    public static Integer of(List<StepMeasure> steps) {
        if (steps.size() < 3) {
            return null;
        }
        StepMeasure first = steps.get(0);
        StepMeasure last = steps.get(steps.size() - 1);
        double dx = last.sessions() - first.sessions();
        double dy = last.p99Ms() - first.p99Ms();
        if (dx <= 0 || dy <= 0) {
            return null;
        }
        Integer knee = null;
        double best = MIN_DISTANCE;
        for (StepMeasure s : steps) {
            double x = (s.sessions() - first.sessions()) / dx;
            double y = (s.p99Ms() - first.p99Ms()) / dy;
            if (x - y > best) {
                best = x - y;
                knee = s.sessions();
            }
        }
        return knee;
    }
}
