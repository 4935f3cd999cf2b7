package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns the live recorders into one immutable {@link Sample} per interval and folds each interval into the
 * run's totals. This is where the correction for coordinated omission is made, per key, from the key's raw
 * latencies so far ({@link CoordinatedOmission}). Called from one thread (the engine's clock); the recorders'
 * writers never wait for it.
 *
 * <p>Counts cover every request sent, session setup ({@code initialize}) included: a session that fails to open
 * is a failed request like any other. Latency percentiles cover the scenario's operations only;
 * {@code initialize} latency is kept apart.
 */
public final class IntervalSampler {
    private final MetricsRegistry registry;
    private final long startNanos;
    private final CoordinatedOmission correction;
    private final Map<MetricKey, KeyTotals> totals = new TreeMap<>();
    private final Map<MetricKey, Histogram[]> recycled = new HashMap<>();
    private final Map<MetricKey, long[]> lastCounts = new HashMap<>();
    private final Histogram intervalAll = Latencies.newHistogram();
    private final Histogram intervalAllRaw = Latencies.newHistogram();
    private long lastEndMs;
    private long lastReinits;
    private int index;

    public IntervalSampler(MetricsRegistry registry, long startNanos, CoordinatedOmission correction) {
        this.registry = registry;
        this.startNanos = startNanos;
        this.correction = correction;
    }

    /** Closes the current interval. The returned histograms (all operations) are reused next time. */
    public synchronized Interval sample(int vus, int targetVus, int stage) {
        long endMs = (System.nanoTime() - startNanos) / 1_000_000;
        intervalAll.reset();
        intervalAllRaw.reset();
        long requests = 0;
        long successes = 0;
        long setupErrors = 0;
        EnumMap<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (OperationMetrics om : registry.all()) {
            MetricKey key = om.key();
            KeyTotals keyTotals = totals.computeIfAbsent(key, KeyTotals::new);
            Histogram[] h = recycled.computeIfAbsent(key, k -> new Histogram[2]);
            h[0] = om.intervalRaw(h[0]);
            keyTotals.addRaw(h[0]);
            h[1] = correction.correct(h[0], keyTotals.raw(), h[1]);
            long[] last = lastCounts.computeIfAbsent(key, k -> new long[1 + ErrorClass.values().length]);
            long s = om.successes();
            long newSuccesses = s - last[0];
            last[0] = s;
            EnumMap<ErrorClass, Long> newErrors = new EnumMap<>(ErrorClass.class);
            for (ErrorClass c : ErrorClass.values()) {
                long e = om.errors(c);
                long d = e - last[1 + c.ordinal()];
                last[1 + c.ordinal()] = e;
                if (d > 0) {
                    newErrors.put(c, d);
                }
            }
            keyTotals.addCorrected(h[1], newSuccesses, newErrors);
            successes += newSuccesses;
            requests += newSuccesses;
            for (Map.Entry<ErrorClass, Long> e : newErrors.entrySet()) {
                requests += e.getValue();
                errors.merge(e.getKey(), e.getValue(), Long::sum);
                if (key.equals(MetricKey.INITIALIZE)) {
                    setupErrors += e.getValue();
                }
            }
            if (!key.equals(MetricKey.INITIALIZE)) {
                intervalAll.add(h[1]);
                intervalAllRaw.add(h[0]);
            }
        }
        long reinits = registry.sessionReinits();
        CorrectedLatency latency = new CorrectedLatency(intervalAll, intervalAllRaw);
        Sample sample = new Sample(index++, lastEndMs, endMs, System.currentTimeMillis(), vus, targetVus, stage,
                requests, successes, Map.copyOf(errors), setupErrors,
                latency.percentileMs(50), latency.percentileMs(95), latency.percentileMs(99),
                Latencies.percentileMs(intervalAllRaw, 99), latency.maxMs(), reinits - lastReinits);
        lastReinits = reinits;
        lastEndMs = endMs;
        return new Interval(sample, latency);
    }

    /** One closed interval: its figures and its (reused) histograms over all operations. */
    public record Interval(Sample sample, CorrectedLatency latency) {
    }

    /** Totals per key so far, including {@link MetricKey#INITIALIZE}. */
    public synchronized Map<MetricKey, KeyTotals> totals() {
        return totals;
    }

    /** How the correction's interval was chosen, for the report. */
    public CoordinatedOmission correction() {
        return correction;
    }
}
