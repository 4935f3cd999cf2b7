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
        WeightedPicker p = new WeightedPicker(steps, 1);
        int[] counts = new int[steps.size()];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[p.nextIndex()]++;
        }
        assertThat(counts[0] / (double) n).isCloseTo(0.60, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[1]).isZero();
        assertThat(counts[2] / (double) n).isCloseTo(0.30, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[3] / (double) n).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void sameSeedSameSequence() {
        WeightedPicker a = new WeightedPicker(steps, 99);
        WeightedPicker b = new WeightedPicker(steps, 99);
        WeightedPicker c = new WeightedPicker(steps, 100);
        StringBuilder sa = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        StringBuilder sc = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sa.append(a.nextIndex());
            sb.append(b.nextIndex());
            sc.append(c.nextIndex());
        }
        assertThat(sa.toString()).isEqualTo(sb.toString()).isNotEqualTo(sc.toString());
    }

    @Test
    void zeroTotalWeightIsRefused() {
        assertThatThrownBy(() -> new WeightedPicker(List.of(step("a", 0)), 1))
                .hasMessageContaining("total weight");
    }
}
