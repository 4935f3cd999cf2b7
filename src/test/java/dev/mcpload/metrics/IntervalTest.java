package dev.mcpload.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Intervals are data: encoded and decoded without loss, and any window is the exact sum of its intervals. */
class IntervalTest {
    private static final MetricKey ADD = new MetricKey("tools/call", "add");
    private static final MetricKey SLOW = new MetricKey("tools/call", "slow");

    @Test
    void anIntervalRoundTripsThroughItsEncodingExactly() {
        Recorded r = record(new Random(7), 12);
        for (int i = 0; i < r.live.size(); i++) {
            Interval live = r.live.get(i);
            Interval back = r.encoded.get(i).decode();
            assertThat(back.index()).isEqualTo(live.index());
            assertThat(back.startMs()).isEqualTo(live.startMs());
            assertThat(back.endMs()).isEqualTo(live.endMs());
            assertThat(back.keys().keySet()).isEqualTo(live.keys().keySet());
            for (MetricKey k : live.keys().keySet()) {
                KeyInterval a = live.keys().get(k);
                KeyInterval b = back.keys().get(k);
                assertThat(b.raw()).isEqualTo(a.raw());
                assertThat(b.corrected()).isEqualTo(a.corrected());
                assertThat(b.successes()).isEqualTo(a.successes());
                assertThat(b.errors()).isEqualTo(a.errors());
            }
            assertThat(back.sample()).isEqualTo(live.sample());
            assertThat(EncodedInterval.of(back)).isEqualTo(r.encoded.get(i));
        }
    }

    @Test
    void theWholeRunIsTheSumOfItsIntervalsAndAnyWindowIsExact() {
        Recorded r = record(new Random(11), 15);
        List<Interval> decoded = r.encoded.stream().map(EncodedInterval::decode).toList();
        Map<MetricKey, KeyTotals> summed = Interval.sum(decoded);
        assertThat(summed.keySet()).isEqualTo(r.sampler.totals().keySet());
        for (Map.Entry<MetricKey, KeyTotals> e : r.sampler.totals().entrySet()) {
            KeyTotals want = e.getValue();
            KeyTotals got = summed.get(e.getKey());
            assertThat(got.raw()).isEqualTo(want.raw());
            assertThat(got.corrected()).isEqualTo(want.corrected());
            assertThat(got.successes()).isEqualTo(want.successes());
            assertThat(got.errors()).isEqualTo(want.errors());
        }
        // a window of intervals 4..9: what the live recorder saw in those intervals, nothing else
        Map<MetricKey, KeyTotals> window = Interval.sum(decoded.subList(4, 10));
        long wantAdd = 0;
        for (Interval i : r.live.subList(4, 10)) {
            wantAdd += i.keys().get(ADD).raw().getTotalCount();
        }
        assertThat(window.get(ADD).raw().getTotalCount()).isEqualTo(wantAdd);
        assertThat(window.get(ADD).latency().percentileMs(99))
                .isGreaterThanOrEqualTo(window.get(ADD).raw().getValueAtPercentile(99) / 1000.0 - 1e-9);
    }

    @Test
    void anIdleKeyCostsAnEmptyEncodingAndDecodesEmpty() {
        MetricsRegistry registry = new MetricsRegistry();
        registry.forKey(ADD);
        IntervalSampler sampler = new IntervalSampler(registry, 0, CoordinatedOmission.derived(0, 0));
        Interval idle = sampler.sample(2_000_000_000L, 0, 1, 1, 0);
        EncodedInterval e = EncodedInterval.of(idle);
        assertThat(e.keys()).singleElement().satisfies(k -> {
            assertThat(k.raw()).isEmpty();
            assertThat(k.corrected()).isEmpty();
        });
        assertThat(e.decode().keys().get(ADD).raw().getTotalCount()).isZero();
        assertThat(idle.endMs()).isEqualTo(2000);
    }

    private record Recorded(IntervalSampler sampler, List<Interval> live, List<EncodedInterval> encoded) {
    }

    /** Random latencies (with stalls, so the correction adds fill-ins) and errors, through the real path. */
    private static Recorded record(Random rnd, int intervals) {
        MetricsRegistry registry = new MetricsRegistry();
        IntervalSampler sampler = new IntervalSampler(registry, 0, CoordinatedOmission.derived(0, 0));
        List<Interval> live = new ArrayList<>();
        List<EncodedInterval> encoded = new ArrayList<>();
        OperationMetrics add = registry.forKey(ADD);
        OperationMetrics slow = registry.forKey(SLOW);
        for (int i = 0; i < intervals; i++) {
            for (int n = 0; n < 200 + rnd.nextInt(200); n++) {
                add.recordSuccess((200 + rnd.nextInt(3_000)) * 1_000L);
            }
            if (rnd.nextInt(3) == 0) {
                add.recordSuccess(900_000_000L); // a stall
            }
            for (int n = 0; n < rnd.nextInt(20); n++) {
                slow.recordSuccess((100 + rnd.nextInt(400)) * 1_000_000L);
            }
            if (rnd.nextBoolean()) {
                slow.recordError(ErrorClass.TIMEOUT, "no answer");
                registry.initialize().recordError(ErrorClass.HTTP, "503");
            }
            registry.initialize().recordSuccess(5_000_000L);
            Interval interval = sampler.sample((i + 1) * 2_000_000_000L, 0, 3, 3, 0);
            live.add(interval);
            encoded.add(EncodedInterval.of(interval));
        }
        return new Recorded(sampler, live, encoded);
    }
}
