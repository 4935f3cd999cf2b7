package dev.mcpload.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses what a VU sends next, in proportion to the weights of the mix: a single step, or a flow (its steps in
 * order). Immutable and shared by every VU of a run (a held session pays for no picker of its own); each VU draws
 * with its own generator, seeded from the run seed and its index, so a run with the same seed issues the same
 * sequence per VU, and no VU shares a generator (or its lock) with another.
 */
public final class WeightedPicker {
    /** Each choice as the step indices it sends, in order: a single step is a sequence of one. */
    private final int[][] choices;
    private final double[] cumulative;
    private final double total;

    public WeightedPicker(Plan.Mix mix) {
        List<int[]> seqs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < mix.steps().size(); i++) {
            if (mix.steps().get(i).weight() > 0) {
                seqs.add(new int[] {i});
                weights.add(mix.steps().get(i).weight());
            }
        }
        for (Plan.Flow f : mix.flows()) {
            if (f.weight() > 0) {
                seqs.add(f.steps().stream().mapToInt(Integer::intValue).toArray());
                weights.add(f.weight());
            }
        }
        choices = seqs.toArray(new int[0][]);
        cumulative = new double[choices.length];
        double sum = 0;
        for (int i = 0; i < choices.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the total weight of the scenario must be greater than zero");
        }
        total = sum;
    }

    /** Single steps only. */
    public WeightedPicker(List<Step> steps) {
        this(new Plan.Mix(steps, 0));
    }

    /** The next choice: the step indices to send, in order (shared: never modify it). */
    public int[] next(SplittableRandom random) {
        if (choices.length == 1) {
            return choices[0];
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
        return choices[lo];
    }
}
