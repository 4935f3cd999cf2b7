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
                errors == 0 ? Map.of() : Map.of(ErrorClass.HTTP, errors), 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static CorrectedLatency latencies(long count, long micros) {
        Histogram h = Latencies.newHistogram();
        h.recordValueWithCount(micros, count);
        return new CorrectedLatency(h, h);
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

    private Sample sample(int vus, long requests, Map<ErrorClass, Long> errors) {
        long t = index * 2000L;
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        return new Sample(index++, t, t + 2000, 1_700_000_000_000L + t, vus, vus, 0, requests, requests - failed,
                errors, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void theGeneratorRunningOutIsNotTheServerBreaking() {
        // issue 17: mcpload out of memory or descriptors for 40 % of the requests; the server answered the rest
        BreakingPointDetector d = new BreakingPointDetector();
        for (int i = 0; i < 10; i++) {
            assertThat(d.offer(sample(10, 1000, 10), latencies(990, 5_000))).isEmpty();
        }
        for (int i = 0; i < 20; i++) {
            Sample s = sample(20, 1000, Map.of(ErrorClass.GENERATOR, 400L, ErrorClass.HTTP, 6L));
            assertThat(s.errorRate()).as("every failure still counts").isEqualTo(0.406);
            assertThat(d.offer(s, latencies(594, 5_000))).isEmpty();
        }
        // the server's own errors still fire it, generator errors beside them or not
        Optional<BreakingPoint> bp = Optional.empty();
        for (int i = 0; i < 10 && bp.isEmpty(); i++) {
            bp = d.offer(sample(30, 1000, Map.of(ErrorClass.GENERATOR, 500L, ErrorClass.HTTP, 100L)),
                    latencies(400, 5_000));
        }
        assertThat(bp).isPresent();
        assertThat(bp.get().reason()).isEqualTo("error_rate_spike");
        // judged on what the server saw: at the third such interval, 3 x 100 + 2 x 6 errors of 3 x 500 + 2 x 600
        // requests in the newer half (11.6 %), not the 3 x 600 + 2 x 406 of 5,000 that failed (52 %)
        assertThat(bp.get().detail()).startsWith("Error rate 11.6% exceeds");
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

    @Test
    void runningSumsDecideAsMergingTheHalvesAnewEachTime() {
        // The detector keeps the two halves as running sums; a reference that merges them from scratch must
        // fire at the same interval, for the same reason, on random runs with drifts, spikes and steps.
        java.util.Random r = new java.util.Random(11);
        for (int run = 0; run < 200; run++) {
            BreakingPointDetector d = new BreakingPointDetector();
            java.util.List<Sample> samples = new java.util.ArrayList<>();
            java.util.List<Histogram> hists = new java.util.ArrayList<>();
            String expected = null;
            String actual = null;
            long base = 1_000 + r.nextInt(20_000);
            for (int i = 0; i < 60 && expected == null && actual == null; i++) {
                long requests = r.nextInt(4) == 0 ? r.nextInt(30) : 200 + r.nextInt(800);
                long errors = r.nextInt(25) == 0 ? requests * r.nextInt(100) / 100 : r.nextInt(5) == 0 ? 1 : 0;
                errors = Math.min(errors, requests);
                long micros = r.nextInt(30) == 0 ? base * (2 + r.nextInt(6)) : base + r.nextInt(2_000);
                Sample s = sample(10, requests, errors);
                Histogram h = Latencies.newHistogram();
                for (long k = requests - errors; k > 0; k--) {
                    h.recordValue(micros + r.nextInt(500));
                }
                samples.add(s);
                hists.add(h);
                expected = naive(samples, hists);
                actual = d.offer(s, new CorrectedLatency(h, h)).map(bp -> bp.reason() + "@" + bp.vus() + ":" + bp.detail()).orElse(null);
            }
            assertThat(actual).as("run %d", run).isEqualTo(expected);
        }
    }

    /** The detector's rules, merging the last 10 intervals' halves from scratch. */
    private static String naive(java.util.List<Sample> samples, java.util.List<Histogram> hists) {
        int n = samples.size();
        int w = BreakingPointDetector.DEFAULT_WINDOW_SIZE;
        if (n < w) {
            return null;
        }
        Histogram baseH = Latencies.newHistogram();
        Histogram recentH = Latencies.newHistogram();
        long[] req = new long[2];
        long[] err = new long[2];
        long[] ok = new long[2];
        for (int i = n - w; i < n; i++) {
            int half = i < n - w / 2 ? 0 : 1;
            (half == 0 ? baseH : recentH).add(hists.get(i));
            req[half] += samples.get(i).requests();
            err[half] += samples.get(i).errorCount();
            ok[half] += samples.get(i).successes();
        }
        Sample at = samples.get(n - 1);
        double baseRate = req[0] == 0 ? 0 : (double) err[0] / req[0];
        double recentRate = req[1] == 0 ? 0 : (double) err[1] / req[1];
        if (recentRate > 0.10 && recentRate > 2.0 * baseRate) {
            return "error_rate_spike@" + at.vus() + ":" + String.format(java.util.Locale.ROOT,
                    "Error rate %.1f%% exceeds threshold (>%.0f%% and >%.1fx baseline %.1f%%)", recentRate * 100,
                    10.0, 2.0, baseRate * 100);
        }
        if (ok[0] >= 20 && ok[1] >= 20) {
            double b = Latencies.percentileMs(baseH, 99);
            double rp = Latencies.percentileMs(recentH, 99);
            if (b > 0 && rp > 3.0 * b && rp - b >= 2.0) {
                return "latency_degradation@" + at.vus() + ":" + String.format(java.util.Locale.ROOT,
                        "P99 %s exceeds %.1fx baseline %s", Durations.ms(rp), 3.0, Durations.ms(b));
            }
        }
        return null;
    }
}
