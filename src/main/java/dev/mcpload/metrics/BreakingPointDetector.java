package dev.mcpload.metrics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The self-calibrating detector of the loadtest chapter: a rolling window of the last 10 interval samples, the
 * older half as baseline and the newer half as "recent". It fires once, when recent error rate is above 10 %
 * and above twice the baseline's, or when recent P99 is above three times the baseline's; the test goes on.
 * Halves are compared by merging their histograms (percentiles are never averaged); the two merged histograms are
 * kept as running sums, so each interval adds and subtracts four histograms instead of merging ten anew into
 * two fresh ones (~0.5 MB allocated and 10 full passes every 2 s, on the clock thread). The latency rule needs a
 * minimum of successes in each half and an absolute increase of at least 2 ms, so that a quiet run's noise or a
 * sub-millisecond P99 tripling on a scheduler hiccup does not count as degradation. The error rate it judges is the
 * server's: requests that failed as {@link dev.mcpload.protocol.ErrorClass#GENERATOR} (mcpload out of memory or
 * file descriptors) are left out of its errors and its requests, so the generator running out is never reported
 * as the server breaking (they still count in every error rate shown).
 */
public final class BreakingPointDetector {
    public static final int DEFAULT_WINDOW_SIZE = 10;
    public static final double ERROR_RATE_ABSOLUTE_THRESHOLD = 0.10;
    public static final double ERROR_RATE_RELATIVE_MULTIPLIER = 2.0;
    public static final double P99_RELATIVE_MULTIPLIER = 3.0;
    public static final long MIN_SUCCESSES_PER_HALF = 20;
    /** Sub-millisecond latencies triple on a scheduler hiccup; a degradation must also be this large. */
    public static final double MIN_P99_INCREASE_MS = 2.0;

    private record Entry(Sample sample, Histogram corrected, Histogram raw) {
    }

    /** One half of the window: its intervals, and their sums kept up to date as intervals come and go. */
    private static final class Half {
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
        final Histogram merged = Latencies.newHistogram();
        final Histogram mergedRaw = Latencies.newHistogram();
        /** Requests and errors the server is judged on: the generator's own failures are left out of both. */
        long requests;
        long errors;
        long successes;

        void add(Entry e) {
            entries.addLast(e);
            merged.add(e.corrected());
            mergedRaw.add(e.raw());
            requests += e.sample().requests() - e.sample().generatorErrors();
            errors += e.sample().errorCount() - e.sample().generatorErrors();
            successes += e.sample().successes();
        }

        Entry removeOldest() {
            Entry e = entries.removeFirst();
            merged.subtract(e.corrected());
            mergedRaw.subtract(e.raw());
            requests -= e.sample().requests() - e.sample().generatorErrors();
            errors -= e.sample().errorCount() - e.sample().generatorErrors();
            successes -= e.sample().successes();
            return e;
        }

        double p99Ms() {
            return new CorrectedLatency(merged, mergedRaw).percentileMs(99);
        }

        double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }
    }

    private final int half;
    /** The older half is the baseline, the newer half "recent"; an interval moves from one to the other. */
    private final Half base = new Half();
    private final Half recent = new Half();
    private BreakingPoint detected;

    public BreakingPointDetector() {
        this(DEFAULT_WINDOW_SIZE);
    }

    public BreakingPointDetector(int windowSize) {
        if (windowSize < 2 || windowSize % 2 != 0) {
            throw new IllegalArgumentException("window size must be even and at least 2");
        }
        this.half = windowSize / 2;
    }

    /** Intervals needed before it can judge at all: a run with fewer is too short to say "no breaking point". */
    public int windowSize() {
        return half * 2;
    }

    /** The detection, once fired. */
    public Optional<BreakingPoint> detected() {
        return Optional.ofNullable(detected);
    }

    /** Adds one interval; returns the breaking point the first (and only) time it fires. */
    public Optional<BreakingPoint> offer(Sample sample, CorrectedLatency interval) {
        if (detected != null) {
            return Optional.empty();
        }
        recent.add(new Entry(sample, interval.corrected().copy(), interval.raw().copy()));
        if (recent.entries.size() > half) {
            base.add(recent.removeOldest());
        }
        if (base.entries.size() > half) {
            base.removeOldest();
        }
        if (base.entries.size() < half) {
            return Optional.empty(); // the window is not full yet
        }
        double baseRate = base.errorRate();
        double recentRate = recent.errorRate();
        if (recentRate > ERROR_RATE_ABSOLUTE_THRESHOLD && recentRate > ERROR_RATE_RELATIVE_MULTIPLIER * baseRate) {
            return fire(sample, "error_rate_spike", String.format(java.util.Locale.ROOT,
                    "Error rate %.1f%% exceeds threshold (>%.0f%% and >%.1fx baseline %.1f%%)", recentRate * 100,
                    ERROR_RATE_ABSOLUTE_THRESHOLD * 100, ERROR_RATE_RELATIVE_MULTIPLIER, baseRate * 100));
        }
        if (base.successes >= MIN_SUCCESSES_PER_HALF && recent.successes >= MIN_SUCCESSES_PER_HALF) {
            double baseP99 = base.p99Ms();
            double recentP99 = recent.p99Ms();
            if (baseP99 > 0 && recentP99 > P99_RELATIVE_MULTIPLIER * baseP99
                    && recentP99 - baseP99 >= MIN_P99_INCREASE_MS) {
                return fire(sample, "latency_degradation", String.format(java.util.Locale.ROOT,
                        "P99 %s exceeds %.1fx baseline %s", Durations.ms(recentP99), P99_RELATIVE_MULTIPLIER,
                        Durations.ms(baseP99)));
            }
        }
        return Optional.empty();
    }

    private Optional<BreakingPoint> fire(Sample at, String reason, String detail) {
        detected = new BreakingPoint(at.vus(), reason, detail, at.endMs(),
                Instant.ofEpochMilli(at.wallClockMs()).toString());
        base.entries.clear(); // it never looks again: let the intervals' histograms go
        recent.entries.clear();
        return Optional.of(detected);
    }
}
