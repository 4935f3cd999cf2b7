package dev.mcpload.engine;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the next step in proportion to its weight. Each virtual user has its own picker seeded from the run
 * seed and its index, so a run with the same seed issues the same sequence per VU, and no VU shares a random
 * generator (or its lock) with another.
 */
public final class WeightedPicker {
    private final Step[] steps;
    private final double[] cumulative;
    private final double total;
    private final SplittableRandom random;

    public WeightedPicker(List<Step> steps, long seed) {
        this.steps = steps.toArray(new Step[0]);
        this.cumulative = new double[this.steps.length];
        double sum = 0;
        for (int i = 0; i < this.steps.length; i++) {
            sum += this.steps[i].weight();
            cumulative[i] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the total weight of the scenario must be greater than zero");
        }
        this.total = sum;
        this.random = new SplittableRandom(seed);
    }

    /** The VU's one generator, shared with its other draws (think times, calls): one object per VU, not three. */
    SplittableRandom random() {
        return random;
    }

    public Step next() {
        return steps[nextIndex()];
    }

    /** The index (in the list given) of the next step. */
    public int nextIndex() {
        if (steps.length == 1) {
            return 0;
        }
        double x = random.nextDouble() * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // Skip zero-weight steps that share a boundary.
        while (steps[lo].weight() == 0 && lo < steps.length - 1) {
            lo++;
        }
        return lo;
    }
}
