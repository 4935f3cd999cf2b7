package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one key (an operation and its tool, resource or prompt, or session setup) recorded in one interval: the
 * raw latencies of its successes, the same corrected for coordinated omission, and its counts by outcome
 * (success, error by class, input required; and the extra round trips of requests that answered input). The
 * histograms belong to this object and are never changed after it is made: read them, copy them, add them into
 * your own, never write to them.
 */
public record KeyInterval(MetricKey key, long successes, Map<ErrorClass, Long> errors, Histogram raw,
                          Histogram corrected, long inputRequired, long roundTrips) {
    public KeyInterval {
        errors = Map.copyOf(errors);
    }

    /** An interval of a key without multi round-trip requests (every era but 2026-07-28's input_required). */
    public KeyInterval(MetricKey key, long successes, Map<ErrorClass, Long> errors, Histogram raw,
                       Histogram corrected) {
        this(key, successes, errors, raw, corrected, 0, 0);
    }

    public long errorCount() {
        long n = 0;
        for (long e : errors.values()) {
            n += e;
        }
        return n;
    }

    /** Every request sent: answered, failed, or left waiting for input ({@code inputRequired}). */
    public long requests() {
        return successes + errorCount() + inputRequired;
    }

    /** Corrected and raw read together: never better than raw. */
    public CorrectedLatency latency() {
        return new CorrectedLatency(corrected, raw);
    }
}
