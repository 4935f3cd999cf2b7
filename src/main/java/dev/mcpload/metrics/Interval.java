package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One closed interval of a run as data (2 s by default): its stamps, the schedule at its end and, per key, the
 * interval's raw and corrected histograms and counts by outcome. Intervals are what every reader of a run reads
 * (the live display, the breaking-point detector, the report's time series, later thresholds with windows and
 * the ceiling search), never live state. As with HdrHistogram's interval logs, a window's figures are the sum
 * of its intervals' histograms and counts, so any percentile of any window is exact ({@link #sum}).
 *
 * <p>Immutable: the histograms are the interval's own and must not be written to. The operations' merged latency
 * and the headline {@link Sample} are computed once, on first use, as every listener reads them.
 *
 * <p>Fields: {@code index} (0-based), {@code startMs}/{@code endMs} (ms since the test started),
 * {@code wallClockMs} (the end as epoch ms, labels only), {@code vus} (holding a session at the end),
 * {@code targetVus} (what the schedule asked for then), {@code stage} (1-based, 0 without stages),
 * {@code events} (re-initialized sessions, dropped iterations, sessions opened and closed) and {@code keys} (per key, in key
 * order, {@link MetricKey#INITIALIZE} among them when sessions were opened).
 */
public final class Interval {
    private final int index;
    private final long startMs;
    private final long endMs;
    private final long wallClockMs;
    private final int vus;
    private final int targetVus;
    private final int stage;
    private final Events events;
    private final Map<MetricKey, KeyInterval> keys;
    private CorrectedLatency latency;
    private Sample sample;

    public Interval(int index, long startMs, long endMs, long wallClockMs, int vus, int targetVus, int stage,
                    Events events, Map<MetricKey, KeyInterval> keys) {
        this.index = index;
        this.startMs = startMs;
        this.endMs = endMs;
        this.wallClockMs = wallClockMs;
        this.vus = vus;
        this.targetVus = targetVus;
        this.stage = stage;
        this.events = events;
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    public int index() {
        return index;
    }

    public long startMs() {
        return startMs;
    }

    public long endMs() {
        return endMs;
    }

    public long wallClockMs() {
        return wallClockMs;
    }

    public int vus() {
        return vus;
    }

    public int targetVus() {
        return targetVus;
    }

    public int stage() {
        return stage;
    }

    public Events events() {
        return events;
    }

    public long sessionReinits() {
        return events.sessionReinits();
    }

    public Map<MetricKey, KeyInterval> keys() {
        return keys;
    }

    /** Latency of the scenario's successful operations in this interval (session setup apart). */
    public synchronized CorrectedLatency latency() {
        if (latency == null) {
            Histogram corrected = Latencies.newHistogram();
            Histogram raw = Latencies.newHistogram();
            for (KeyInterval k : keys.values()) {
                if (!k.key().equals(MetricKey.INITIALIZE)) {
                    corrected.add(k.corrected());
                    raw.add(k.raw());
                }
            }
            latency = new CorrectedLatency(corrected, raw);
        }
        return latency;
    }

    /** The interval's headline figures, computed from its keys (what the live line and time series show). */
    public synchronized Sample sample() {
        if (sample == null) {
            sample = computeSample(latency());
        }
        return sample;
    }

    private Sample computeSample(CorrectedLatency latency) {
        long requests = 0;
        long successes = 0;
        long setupErrors = 0;
        EnumMap<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        for (KeyInterval k : keys.values()) {
            successes += k.successes();
            requests += k.requests();
            k.errors().forEach((c, n) -> errors.merge(c, n, Long::sum));
            if (k.key().equals(MetricKey.INITIALIZE)) {
                setupErrors += k.errorCount();
            }
        }
        return new Sample(index, startMs, endMs, wallClockMs, vus, targetVus, stage, requests, successes,
                Map.copyOf(errors), setupErrors, latency.percentileMs(50), latency.percentileMs(95),
                latency.percentileMs(99), Latencies.percentileMs(latency.raw(), 99), latency.maxMs(), events.sessionReinits(),
                events.droppedIterations());
    }

    /**
     * A window's totals per key: the intervals' histograms and counts added, exactly as if the window had been
     * one interval (HdrHistogram adds histograms bucket by bucket; nothing is averaged).
     */
    public static Map<MetricKey, KeyTotals> sum(Iterable<Interval> window) {
        Map<MetricKey, KeyTotals> totals = new TreeMap<>();
        for (Interval i : window) {
            for (KeyInterval k : i.keys().values()) {
                KeyTotals t = totals.computeIfAbsent(k.key(), KeyTotals::new);
                t.addRaw(k.raw());
                t.addCorrected(k.corrected(), k.successes(), k.errors(), k.inputRequired(), k.roundTrips());
            }
        }
        return totals;
    }
}
