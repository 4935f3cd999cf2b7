package dev.mcpload.engine.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RampingVusExecutorTest {
    private final RampingVusExecutor ex = new RampingVusExecutor(List.of(
            new RampingVusExecutor.Stage(20, 30_000),
            new RampingVusExecutor.Stage(20, 60_000),
            new RampingVusExecutor.Stage(0, 30_000)));

    @Test
    void rampUpStartsTheFirstVuAtOnceAndSpreadsTheRestEvenly() {
        assertThat(ex.targetAt(0)).isZero();
        assertThat(ex.targetAt(1)).isEqualTo(1);
        assertThat(ex.targetAt(1_500)).isEqualTo(1);
        assertThat(ex.targetAt(1_501)).isEqualTo(2);
        assertThat(ex.targetAt(15_000)).isEqualTo(10);
        assertThat(ex.targetAt(29_999)).isEqualTo(20);
        // one more VU every 1.5 s: count the steps
        int changes = 0;
        for (long t = 1; t < 30_000; t++) {
            if (ex.targetAt(t) != ex.targetAt(t - 1)) {
                changes++;
            }
        }
        assertThat(changes).isEqualTo(20);
    }

    @Test
    void holdChangesNothing() {
        for (long t = 30_000; t < 90_000; t += 997) {
            assertThat(ex.targetAt(t)).isEqualTo(20);
        }
    }

    @Test
    void rampDownStopsVusSpreadOverTheStageNotAllAtItsStart() {
        assertThat(ex.targetAt(90_000)).isEqualTo(20);
        assertThat(ex.targetAt(91_499)).isEqualTo(20);
        assertThat(ex.targetAt(91_501)).isEqualTo(19);
        assertThat(ex.targetAt(105_000)).isEqualTo(10);
        assertThat(ex.targetAt(119_999)).isEqualTo(1);
        assertThat(ex.targetAt(120_000)).isZero();
    }

    @Test
    void stagesAndDuration() {
        assertThat(ex.durationMs()).isEqualTo(120_000);
        assertThat(ex.maxVus()).isEqualTo(20);
        assertThat(ex.stageAt(0)).isEqualTo(1);
        assertThat(ex.stageAt(30_000)).isEqualTo(2);
        assertThat(ex.stageAt(119_999)).isEqualTo(3);
        assertThat(ex.stageCount()).isEqualTo(3);
    }

    @Test
    void theClockMaySleepUntilTheTargetCanChange() {
        assertThat(ex.quietMsAfter(0)).isEqualTo(750);       // 20 VUs over 30 s: a change every 1.5 s
        assertThat(ex.quietMsAfter(40_000)).isEqualTo(50_000); // the hold changes nothing until its end
        assertThat(new ConstantVusExecutor(3, 10_000).quietMsAfter(4_000)).isEqualTo(6_000);
    }

    @Test
    void constantExecutor() {
        ConstantVusExecutor c = new ConstantVusExecutor(7, 1000);
        assertThat(c.targetAt(0)).isEqualTo(7);
        assertThat(c.targetAt(999)).isEqualTo(7);
        assertThat(c.targetAt(1000)).isZero();
    }
}
