package dev.mcpload.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Mann-Whitney U test against values computed independently (SciPy 1.17.1 {@code mannwhitneyu(a, b,
 * method='asymptotic', use_continuity=True)}, two-sided), and the verdicts it gives.
 */
class NoiseTest {
    @Test
    void pValuesMatchAnIndependentImplementation() {
        // fully separated: U = 0; SciPy gives 0.012186
        assertThat(Noise.mannWhitneyP(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}))
                .isCloseTo(0.012186, within(0.0005));
        // interleaved: SciPy gives 0.688921
        assertThat(Noise.mannWhitneyP(new double[] {1, 3, 5, 7, 9, 11}, new double[] {2, 4, 6, 8, 10, 12}))
                .isCloseTo(0.688921, within(0.0005));
        // ties across the groups (tie correction): SciPy gives 0.018866
        assertThat(Noise.mannWhitneyP(new double[] {1, 1, 2, 2, 3}, new double[] {3, 3, 4, 4, 5}))
                .isCloseTo(0.018866, within(0.0005));
        // every value equal: nothing tells them apart
        assertThat(Noise.mannWhitneyP(new double[] {2, 2, 2, 2, 2}, new double[] {2, 2, 2, 2, 2})).isEqualTo(1.0);
    }

    @Test
    void theNormalDistributionFunctionIsAccurate() {
        assertThat(Noise.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Noise.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(Noise.normalCdf(-2.575829)).isCloseTo(0.005, within(1e-6));
    }

    @Test
    void separatedIntervalsAreBeyondNoiseAndMixedOnesInside() {
        Noise.Verdict beyond = Noise.judge(List.of(10.0, 11.0, 10.5, 10.2, 10.8, 11.1),
                List.of(14.0, 15.0, 14.2, 14.9, 15.3, 14.1));
        assertThat(beyond.state()).isEqualTo(Noise.State.BEYOND);
        assertThat(beyond.p()).isLessThan(Noise.ALPHA);
        assertThat(beyond.baseline().intervals()).isEqualTo(6);
        assertThat(beyond.baseline().median()).isCloseTo(10.65, within(1e-9));

        Noise.Verdict inside = Noise.judge(List.of(10.0, 14.0, 11.0, 13.0, 12.0, 10.5),
                List.of(10.2, 13.5, 11.5, 12.5, 14.2, 10.9));
        assertThat(inside.state()).isEqualTo(Noise.State.INSIDE);
    }

    @Test
    void tooFewIntervalsAreNotJudgedAndSaySo() {
        java.util.ArrayList<Double> withGaps = new java.util.ArrayList<>(List.of(1.0, 2.0, 3.0, 4.0));
        withGaps.add(null); // an interval that measured nothing is left out, not counted as 0
        Noise.Verdict v = Noise.judge(withGaps, List.of(5.0, 6.0, 7.0, 8.0, 9.0));
        assertThat(v.state()).isEqualTo(Noise.State.NOT_JUDGED);
        assertThat(v.why()).contains("4 and 5").contains("at least 5 each");
        assertThat(Double.isNaN(v.p())).isTrue();
    }
}
