package dev.mcpload.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import org.junit.jupiter.api.Test;

/** Every request counts once, session setup included; latency stays the scenario's. */
class IntervalSamplerTest {
    @Test
    void aFailedInitializeIsAnErrorOfTheIntervalButNotALatency() {
        MetricsRegistry registry = new MetricsRegistry();
        IntervalSampler sampler = new IntervalSampler(registry, System.nanoTime(), CoordinatedOmission.derived(0, 0));
        OperationMetrics add = registry.forKey(new MetricKey("tools/call", "add"));
        for (int i = 0; i < 8; i++) {
            add.recordSuccess(1_000_000);
        }
        registry.initialize().recordError(ErrorClass.HTTP, "503");
        registry.initialize().recordError(ErrorClass.CONNECTION, "refused");
        registry.initialize().recordSuccess(90_000_000);
        Sample s = sampler.sample(System.nanoTime(), 0, 1, 3, 0).sample();
        assertThat(s.requests()).isEqualTo(11);
        assertThat(s.successes()).isEqualTo(9);
        assertThat(s.errorCount()).isEqualTo(2);
        assertThat(s.setupErrors()).isEqualTo(2);
        assertThat(s.errors()).containsEntry(ErrorClass.HTTP, 1L).containsEntry(ErrorClass.CONNECTION, 1L);
        assertThat(s.p99Ms()).isLessThan(2); // the 90 ms handshake is not an operation's latency
        // an idle interval after it is empty
        Sample next = sampler.sample(System.nanoTime(), 0, 1, 3, 0).sample();
        assertThat(next.requests()).isZero();
        assertThat(next.setupErrors()).isZero();
    }
}
