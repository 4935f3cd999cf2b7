package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Everything recorded for one key over the whole run: both histograms and the logical counts. */
public final class KeyTotals {
    private final MetricKey key;
    private final Histogram raw = Latencies.newHistogram();
    private final Histogram corrected = Latencies.newHistogram();
    private long successes;
    private final EnumMap<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
    private long inputRequired;
    private long roundTrips;

    public KeyTotals(MetricKey key) {
        this.key = key;
    }

    public MetricKey key() {
        return key;
    }

    public Histogram raw() {
        return raw;
    }

    public Histogram corrected() {
        return corrected;
    }

    /** Corrected and raw together: percentiles as reported (never better than raw). */
    public CorrectedLatency latency() {
        return new CorrectedLatency(corrected, raw);
    }

    public long successes() {
        return successes;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every request sent: successes, errors, and those left waiting for input no config answered. */
    public long requests() {
        return successes + errorCount() + inputRequired;
    }

    /** Requests that ended {@code input_required}: neither success nor error (2026-07-28). */
    public long inputRequired() {
        return inputRequired;
    }

    /** Round trips beyond the first, of requests that answered the server's input requests. */
    public long roundTrips() {
        return roundTrips;
    }

    /** Errors by class (only classes that occurred). */
    public Map<ErrorClass, Long> errors() {
        return errors;
    }

    /** Adds one interval's raw latencies first: the correction of that interval reads the sum. */
    void addRaw(Histogram intervalRaw) {
        raw.add(intervalRaw);
    }

    void addCorrected(Histogram intervalCorrected, long newSuccesses, Map<ErrorClass, Long> newErrors,
                      long newInputRequired, long newRoundTrips) {
        corrected.add(intervalCorrected);
        successes += newSuccesses;
        newErrors.forEach((c, n) -> errors.merge(c, n, Long::sum));
        inputRequired += newInputRequired;
        roundTrips += newRoundTrips;
    }

    /** Adds a closed interval as measured (a reader summing intervals, such as an abort_on_fail threshold). */
    public void add(KeyInterval interval) {
        raw.add(interval.raw());
        corrected.add(interval.corrected());
        successes += interval.successes();
        interval.errors().forEach((c, n) -> errors.merge(c, n, Long::sum));
        inputRequired += interval.inputRequired();
        roundTrips += interval.roundTrips();
    }

    /** Adds another run's (or shard's) totals: histograms add exactly, percentiles are never averaged. */
    public void merge(KeyTotals other) {
        raw.add(other.raw);
        corrected.add(other.corrected);
        successes += other.successes;
        other.errors.forEach((c, n) -> errors.merge(c, n, Long::sum));
        inputRequired += other.inputRequired;
        roundTrips += other.roundTrips;
    }

    /** Restores totals read back from a report. */
    public static KeyTotals of(MetricKey key, Histogram raw, Histogram corrected, long successes,
                               Map<ErrorClass, Long> errors) {
        KeyTotals t = new KeyTotals(key);
        t.raw.add(raw);
        t.corrected.add(corrected);
        t.successes = successes;
        t.errors.putAll(errors);
        return t;
    }

    /** Restores totals read back from a report, with its multi round-trip counts (report 1.9). */
    public static KeyTotals of(MetricKey key, Histogram raw, Histogram corrected, long successes,
                               Map<ErrorClass, Long> errors, long inputRequired, long roundTrips) {
        KeyTotals t = of(key, raw, corrected, successes, errors);
        t.inputRequired = inputRequired;
        t.roundTrips = roundTrips;
        return t;
    }
}
