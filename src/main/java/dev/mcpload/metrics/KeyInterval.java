package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one key (an operation and its tool, resource or prompt, or session setup) recorded in one interval: the
 * raw latencies of its successes, the same corrected for coordinated omission, and its counts by outcome. The
 * histograms belong to this object and are never changed after it is made: read them, copy them, add them into
 * your own, never write to them.
 */
public record KeyInterval(MetricKey key, long successes, Map<ErrorClass, Long> errors, Histogram raw,
                          Histogram corrected) {
    public KeyInterval {
        errors = Map.copyOf(errors);
    }

    public long errorCount() {
        long n = 0;
        for (long e : errors.values()) {
            n += e;
        }
        return n;
    }

    public long requests() {
        return successes + errorCount();
    }

    /** Corrected and raw read together: never better than raw. */
    public CorrectedLatency latency() {
        return new CorrectedLatency(corrected, raw);
    }
}
