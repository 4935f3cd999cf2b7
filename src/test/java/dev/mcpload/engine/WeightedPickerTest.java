package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.McpRequests;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedPickerTest {
    private static Step step(String name, double w) {
        return new Step(new MetricKey("tools/call", name), McpRequests.ping(), w);
    }

    private final List<Step> steps = List.of(step("a", 60), step("zero", 0), step("b", 30), step("c", 10));

    @Test
    void frequenciesConvergeToTheWeights() {
        WeightedPicker p = new WeightedPicker(steps);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        int[] counts = new int[steps.size()];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[p.next(r)[0]]++;
        }
        assertThat(counts[0] / (double) n).isCloseTo(0.60, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[1]).isZero();
        assertThat(counts[2] / (double) n).isCloseTo(0.30, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[3] / (double) n).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void sameSeedSameSequence() {
        WeightedPicker p = new WeightedPicker(steps);
        java.util.SplittableRandom a = new java.util.SplittableRandom(99);
        java.util.SplittableRandom b = new java.util.SplittableRandom(99);
        java.util.SplittableRandom c = new java.util.SplittableRandom(100);
        StringBuilder sa = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        StringBuilder sc = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sa.append(p.next(a)[0]);
            sb.append(p.next(b)[0]);
            sc.append(p.next(c)[0]);
        }
        assertThat(sa.toString()).isEqualTo(sb.toString()).isNotEqualTo(sc.toString());
    }

    @Test
    void zeroTotalWeightIsRefused() {
        assertThatThrownBy(() -> new WeightedPicker(List.of(step("a", 0))))
                .hasMessageContaining("total weight");
    }

    @Test
    void flowsAreChosenByWeightBesideSingleSteps() {
        List<Step> two = List.of(step("list", 0), step("search", 1));
        WeightedPicker p = new WeightedPicker(new Plan.Mix(two, List.of(new Plan.Flow("f", List.of(0, 1), 3)), 1));
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int flows = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            int[] choice = p.next(r);
            if (choice.length == 2) {
                assertThat(choice).containsExactly(0, 1);
                flows++;
            } else {
                assertThat(choice).containsExactly(1);
            }
        }
        assertThat(flows / (double) n).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.01));
    }
}
