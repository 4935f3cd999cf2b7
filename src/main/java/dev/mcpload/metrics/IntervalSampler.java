package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Closes the live recorders into one immutable {@link Interval} per interval and folds it into the run's totals.
 * This is where the correction for coordinated omission is made, per key, from the key's raw latencies so far
 * ({@link CoordinatedOmission}). Called from one thread (the engine's clock); the recorders' writers never wait
 * for it. The sampler reads no clock: the engine says when an interval ends.
 *
 * <p>Counts cover every request sent, session setup ({@code initialize}) included: a session that fails to open
 * is a failed request like any other. Latency percentiles cover the scenario's operations only;
 * {@code initialize} latency is kept apart.
 */
public final class IntervalSampler {
    /** The histogram of every key with no success in an interval: shared, never written to. */
    private static final Histogram EMPTY = Latencies.newHistogram();

    private final MetricsRegistry registry;
    private final long startNanos;
    private final CoordinatedOmission correction;
    private final Map<MetricKey, KeyTotals> totals = new TreeMap<>();
    private final Map<MetricKey, Histogram> scratch = new HashMap<>();
    private final Map<MetricKey, long[]> lastCounts = new HashMap<>();
    private long lastEndMs;
    private Events lastEvents = Events.NONE;
    private int index;

    public IntervalSampler(MetricsRegistry registry, long startNanos, CoordinatedOmission correction) {
        this.registry = registry;
        this.startNanos = startNanos;
        this.correction = correction;
    }

    /** Closes the current interval at {@code nowNanos} (the engine's clock). */
    public synchronized Interval sample(long nowNanos, long wallClockMs, int vus, int targetVus, int stage) {
        long endMs = (nowNanos - startNanos) / 1_000_000;
        Map<MetricKey, KeyInterval> keys = new TreeMap<>();
        for (OperationMetrics om : registry.all()) {
            MetricKey key = om.key();
            KeyTotals keyTotals = totals.computeIfAbsent(key, KeyTotals::new);
            // The recorder swaps into a reused scratch histogram; the interval gets its own copy only when there
            // is something in it, so idle keys cost nothing.
            Histogram sampled = om.intervalRaw(scratch.get(key));
            scratch.put(key, sampled);
            Histogram raw = sampled.getTotalCount() == 0 ? EMPTY : sampled.copy();
            keyTotals.addRaw(raw);
            // Session setup is not corrected: a VU opens its session once, so a slow handshake hid no others.
            Histogram corrected = raw == EMPTY || key.equals(MetricKey.INITIALIZE) ? raw
                    : correction.correct(raw, keyTotals.raw(), null);
            long[] last = lastCounts.computeIfAbsent(key, k -> new long[3 + ErrorClass.values().length]);
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
            int more = 1 + ErrorClass.values().length; // after the successes and errors: input required, round trips
            long ir = om.inputRequired();
            long newInputRequired = ir - last[more];
            last[more] = ir;
            long rt = om.roundTrips();
            long newRoundTrips = rt - last[more + 1];
            last[more + 1] = rt;
            keyTotals.addCorrected(corrected, newSuccesses, newErrors, newInputRequired, newRoundTrips);
            keys.put(key, new KeyInterval(key, newSuccesses, newErrors, raw, corrected, newInputRequired,
                    newRoundTrips));
        }
        Events events = Events.of(registry);
        Interval interval = new Interval(index++, lastEndMs, endMs, wallClockMs, vus, targetVus, stage,
                events.since(lastEvents), keys);
        lastEvents = events;
        lastEndMs = endMs;
        return interval;
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
