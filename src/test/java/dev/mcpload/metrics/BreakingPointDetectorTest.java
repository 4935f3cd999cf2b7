package dev.mcpload.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BreakingPointDetectorTest {
    private int index;

    private Sample sample(int vus, long requests, long errors) {
        long t = index * 2000L;
        return new Sample(index++, t, t + 2000, 1_700_000_000_000L + t, vus, vus, 0, requests, requests - errors,
                errors == 0 ? Map.of() : Map.of(ErrorClass.HTTP, errors), 0, 0, 0, 0, 0, 0);
    }

    private static Histogram latencies(long count, long micros) {
        Histogram h = Latencies.newHistogram();
        h.recordValueWithCount(micros, count);
        return h;
    }

    @Test
    void steadyRunNeverFires() {
        BreakingPointDetector d = new BreakingPointDetector();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 100; i++) {
            assertThat(d.offer(sample(10, 1000, r.nextInt(20)), latencies(1000, 10_000 + r.nextInt(5000))))
                    .isEmpty();
        }
    }

    @Test
    void errorSpikeFiresOnceWithVusAndDetail() {
        BreakingPointDetector d = new BreakingPointDetector();
        for (int i = 0; i < 10; i++) {
            assertThat(d.offer(sample(10 + i, 1000, 10), latencies(990, 5_000))).isEmpty();
        }
        Optional<BreakingPoint> bp = Optional.empty();
        int at = 0;
        for (int i = 0; i < 10 && bp.isEmpty(); i++) {
            at = 20 + i;
            bp = d.offer(sample(at, 1000, 400), latencies(600, 5_000));
        }
        assertThat(bp).isPresent();
        assertThat(bp.get().reason()).isEqualTo("error_rate_spike");
        assertThat(bp.get().vus()).isEqualTo(at);
        assertThat(bp.get().detail()).startsWith("Error rate").contains("exceeds threshold (>10% and >2.0x baseline 1.0%)");
        // fire once: more spikes say nothing
        for (int i = 0; i < 30; i++) {
            assertThat(d.offer(sample(50, 1000, 900), latencies(100, 5_000))).isEmpty();
        }
        assertThat(d.detected()).contains(bp.get());
    }

    @Test
    void highButStableErrorRateDoesNotFire() {
        BreakingPointDetector d = new BreakingPointDetector();
        for (int i = 0; i < 40; i++) {
            assertThat(d.offer(sample(10, 1000, 300), latencies(700, 5_000))).isEmpty();
        }
    }

    @Test
    void latencyStepFires() {
        BreakingPointDetector d = new BreakingPointDetector();
        for (int i = 0; i < 10; i++) {
            d.offer(sample(10, 500, 0), latencies(500, 20_000));
        }
        Optional<BreakingPoint> bp = Optional.empty();
        for (int i = 0; i < 10 && bp.isEmpty(); i++) {
            bp = d.offer(sample(30, 500, 0), latencies(500, 100_000));
        }
        assertThat(bp).isPresent();
        assertThat(bp.get().reason()).isEqualTo("latency_degradation");
        assertThat(bp.get().detail()).isEqualTo("P99 100ms exceeds 3.0x baseline 20.0ms");
    }

    @Test
    void tooFewSamplesForLatencyRuleDoNotFire() {
        BreakingPointDetector d = new BreakingPointDetector();
        for (int i = 0; i < 10; i++) {
            d.offer(sample(1, 2, 0), latencies(2, 1_000));
        }
        for (int i = 0; i < 10; i++) {
            assertThat(d.offer(sample(1, 2, 0), latencies(2, 50_000))).isEmpty();
        }
    }
}
