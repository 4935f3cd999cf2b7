package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns the live recorders into one immutable {@link Sample} per interval and folds each interval into the
 * run's totals. Called from one thread (the engine's clock); the recorders' writers never wait for it.
 */
public final class IntervalSampler {
    private final MetricsRegistry registry;
    private final long startNanos;
    private final Map<MetricKey, KeyTotals> totals = new TreeMap<>();
    private final Map<MetricKey, Histogram[]> recycled = new HashMap<>();
    private final Map<MetricKey, long[]> lastCounts = new HashMap<>();
    private final Histogram intervalAll = Latencies.newHistogram();
    private final Histogram intervalAllRaw = Latencies.newHistogram();
    private long lastEndMs;
    private long lastReinits;
    private int index;

    public IntervalSampler(MetricsRegistry registry, long startNanos) {
        this.registry = registry;
        this.startNanos = startNanos;
    }

    /** Closes the current interval. The returned histogram (corrected, all operations) is reused next time. */
    public synchronized Interval sample(int vus, int targetVus, int stage) {
        long endMs = (System.nanoTime() - startNanos) / 1_000_000;
        intervalAll.reset();
        intervalAllRaw.reset();
        long requests = 0;
        long successes = 0;
        EnumMap<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (OperationMetrics om : registry.all()) {
            MetricKey key = om.key();
            Histogram[] h = recycled.computeIfAbsent(key, k -> new Histogram[2]);
            h[0] = om.intervalRaw(h[0]);
            h[1] = om.intervalCorrected(h[1]);
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
            totals.computeIfAbsent(key, KeyTotals::new).add(h[0], h[1], newSuccesses, newErrors);
            if (!key.equals(MetricKey.INITIALIZE)) {
                intervalAll.add(h[1]);
                intervalAllRaw.add(h[0]);
                successes += newSuccesses;
                requests += newSuccesses;
                for (Map.Entry<ErrorClass, Long> e : newErrors.entrySet()) {
                    requests += e.getValue();
                    errors.merge(e.getKey(), e.getValue(), Long::sum);
                }
            }
        }
        long reinits = registry.sessionReinits();
        Sample sample = new Sample(index++, lastEndMs, endMs, System.currentTimeMillis(), vus, targetVus, stage,
                requests, successes, Map.copyOf(errors),
                Latencies.percentileMs(intervalAll, 50), Latencies.percentileMs(intervalAll, 95),
                Latencies.percentileMs(intervalAll, 99), Latencies.percentileMs(intervalAllRaw, 99),
                intervalAll.getTotalCount() == 0 ? 0 : intervalAll.getMaxValue() / 1000.0,
                reinits - lastReinits);
        lastReinits = reinits;
        lastEndMs = endMs;
        return new Interval(sample, intervalAll);
    }

    /** One closed interval: its figures and its (reused) corrected histogram over all operations. */
    public record Interval(Sample sample, Histogram corrected) {
    }

    /** Totals per key so far, including {@link MetricKey#INITIALIZE}. */
    public synchronized Map<MetricKey, KeyTotals> totals() {
        return totals;
    }
}
