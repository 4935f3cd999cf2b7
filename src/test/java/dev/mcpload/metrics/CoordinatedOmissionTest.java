package dev.mcpload.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The correction may only add what a stall hid: no reported percentile (p50 and above) or mean is below what
 * clients saw, whatever the latencies and whatever {@code expected_interval_ms}; and a real stall still shows.
 * Recorded through the real path: {@link OperationMetrics} → {@link IntervalSampler} → {@link KeyTotals}.
 */
class CoordinatedOmissionTest {
    private static final double[] PERCENTILES = {50, 60, 75, 90, 95, 99, 99.9, 100};

    private record Recorded(IntervalSampler sampler, List<Interval> intervals) {
    }

    /** Records {@code micros[interval][key][i]} into one registry, closing an interval after each batch. */
    private static Recorded record(CoordinatedOmission correction, long[][][] micros) {
        MetricsRegistry registry = new MetricsRegistry();
        IntervalSampler sampler = new IntervalSampler(registry, System.nanoTime(), correction);
        List<Interval> intervals = new ArrayList<>();
        for (long[][] interval : micros) {
            for (int k = 0; k < interval.length; k++) {
                OperationMetrics om = registry.forKey(new MetricKey("tools/call", "tool" + k));
                for (long us : interval[k]) {
                    om.recordSuccess(us * 1000);
                }
            }
            intervals.add(sampler.sample(System.nanoTime(), 0, 1, 1, 0));
        }
        return new Recorded(sampler, intervals);
    }

    private static CorrectedLatency whole(IntervalSampler sampler) {
        CorrectedLatency all = CorrectedLatency.empty();
        for (KeyTotals t : sampler.totals().values()) {
            all = all.plus(t.latency());
        }
        return all;
    }

    @Test
    void aToolThatAlwaysTakes300msIsReportedAt300msWhateverTheConfiguredInterval() {
        // The user's report: expected_interval_ms = 100 against a 300 ms tool gave p50 = 207 ms.
        long[] constant = new long[200];
        java.util.Arrays.fill(constant, 300_000);
        for (long floorMs : new long[] {0, 1, 100, 250}) {
            Recorded r = record(CoordinatedOmission.derived(floorMs * 1000, 0), new long[][][] {{constant}});
            CorrectedLatency l = whole(r.sampler());
            assertThat(l.percentileMs(50)).as("floor %d ms", floorMs).isGreaterThanOrEqualTo(300);
            // its normal cycle is 300 ms, so nothing was hidden: corrected is raw
            assertThat(l.corrected().getTotalCount()).as("floor %d ms", floorMs).isEqualTo(200);
        }
        // What the old fixed interval did, for the record: fill-ins at 200 and 100 ms pull the median down.
        Histogram old = Latencies.newHistogram();
        for (long us : constant) {
            old.recordValueWithExpectedInterval(us, 100_000);
        }
        assertThat(Latencies.percentileMs(old, 50)).isLessThan(300);
    }

    @Test
    void aStallStillShowsInTheCorrectedTail() {
        long[] normal = new long[1000];
        java.util.Arrays.fill(normal, 20_000);
        normal[500] = 1_000_000; // one request stalled for 1 s: the VU sent nothing for 50 of its cycles
        CorrectedLatency l = whole(record(CoordinatedOmission.derived(0, 0), new long[][][] {{normal}}).sampler());
        assertThat(Latencies.percentileMs(l.raw(), 99)).isLessThan(25);
        assertThat(l.percentileMs(99)).isGreaterThan(400);
        // counts stay logical: one real request per recordSuccess
        assertThat(l.count()).isEqualTo(1000);
    }

    @Test
    void correctionOffIsRaw() {
        long[] v = {1_000, 50_000, 900_000};
        CorrectedLatency l = whole(record(CoordinatedOmission.off(), new long[][][] {{v}}).sampler());
        assertThat(l.corrected().getTotalCount()).isEqualTo(3);
    }

    @Test
    void withTwoModesFillInsCanSitBelowARawPercentileAndTheRawOneIsReported() {
        // 50 % at 1 ms, 40 % at 100 ms, 10 % at 200 ms: the 200 ms requests' fill-ins (199, 198, ... ms) and the
        // 100 ms ones' outnumber the real 200 ms values, so the corrected histogram alone puts p99 below 200 ms.
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i < 50 ? 1_000 : i < 90 ? 100_000 : 200_000;
        }
        CorrectedLatency l = whole(record(CoordinatedOmission.derived(0, 0), new long[][][] {{v}}).sampler());
        assertThat(Latencies.percentileMs(l.corrected(), 99)).isLessThan(Latencies.percentileMs(l.raw(), 99));
        assertThat(l.percentileMs(99)).isEqualTo(Latencies.percentileMs(l.raw(), 99));
    }

    @Test
    void anyDistributionAnyIntervalCorrectedIsNeverBelowRaw() {
        Random rnd = new Random(20261202);
        for (int run = 0; run < 300; run++) {
            int intervals = 1 + rnd.nextInt(4);
            int keys = 1 + rnd.nextInt(3);
            long[][][] micros = new long[intervals][keys][];
            for (int i = 0; i < intervals; i++) {
                for (int k = 0; k < keys; k++) {
                    micros[i][k] = distribution(rnd, 1 + rnd.nextInt(400));
                }
            }
            long floorUs = switch (rnd.nextInt(5)) {
                case 0 -> 0;
                case 1 -> 1_000;
                case 2 -> 100_000;
                case 3 -> 1_000_000;
                default -> 1 + rnd.nextInt(500_000);
            };
            long thinkUs = rnd.nextBoolean() ? 0 : rnd.nextInt(2_000_000);
            Recorded r = record(CoordinatedOmission.derived(floorUs, thinkUs), micros);
            String what = "run " + run + " floor " + floorUs + " us think " + thinkUs + " us";
            List<CorrectedLatency> views = new ArrayList<>();
            views.add(whole(r.sampler()));
            for (Map.Entry<MetricKey, KeyTotals> e : r.sampler().totals().entrySet()) {
                views.add(e.getValue().latency());
            }
            r.intervals().forEach(i -> views.add(i.latency()));
            for (CorrectedLatency l : views) {
                for (double p : PERCENTILES) {
                    assertThat(l.percentileMs(p)).as("%s p%s", what, p)
                            .isGreaterThanOrEqualTo(Latencies.percentileMs(l.raw(), p));
                }
                if (l.count() > 0) {
                    assertThat(l.meanMs()).as(what).isGreaterThanOrEqualTo(l.raw().getMean() / 1000.0);
                    assertThat(l.minMs()).as(what).isEqualTo(l.raw().getMinValue() / 1000.0);
                }
            }
            for (Interval i : r.intervals()) {
                Sample s = i.sample();
                assertThat(s.p50Ms()).as(what).isGreaterThanOrEqualTo(Latencies.percentileMs(i.latency().raw(), 50));
                assertThat(s.p99Ms()).as(what).isGreaterThanOrEqualTo(s.rawP99Ms());
            }
        }
    }

    /** Latencies in µs from one of several shapes: constant, uniform, lognormal, bimodal, heavy-tailed, stalls. */
    private static long[] distribution(Random rnd, int n) {
        long[] v = new long[n];
        int shape = rnd.nextInt(6);
        long base = 50 + rnd.nextInt(300_000);
        for (int i = 0; i < n; i++) {
            double x = switch (shape) {
                case 0 -> base;
                case 1 -> base * (0.5 + rnd.nextDouble());
                case 2 -> base * Math.exp(rnd.nextGaussian() * 0.8);
                case 3 -> rnd.nextInt(3) == 0 ? base * 20 : base;
                case 4 -> base / Math.pow(rnd.nextDouble() + 1e-9, 0.7);
                default -> rnd.nextInt(50) == 0 ? base * (50 + rnd.nextInt(200)) : base * (0.9 + 0.2 * rnd.nextDouble());
            };
            v[i] = Math.max(1, Math.min(600_000_000L, (long) x));
        }
        return v;
    }
}
