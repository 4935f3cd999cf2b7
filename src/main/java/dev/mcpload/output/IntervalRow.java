package dev.mcpload.output;

import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyInterval;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures the interval exports ({@code csv}, {@code json-lines}) write for one interval: first the whole
 * interval ({@code key} null), the same figures as the JSON report's {@code timeseries} point (every request
 * counted, session setup included; latency of the scenario's successful operations, session setup apart), then
 * one row per key (an operation and its tool, resource or prompt, and workload; {@code initialize} among them),
 * whose requests add up to the whole's. Latencies in ms, corrected for coordinated omission and never below raw
 * ({@link CorrectedLatency}), the raw ones beside them; {@code setupErrors} is for the whole only (-1 on a key).
 */
record IntervalRow(MetricKey key, long requests, long successes, long errorCount, Map<ErrorClass, Long> errors,
                   long setupErrors, double throughputRps, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                   double p50RawMs, double p95RawMs, double p99RawMs) {

    /** The whole interval, then each key in key order. */
    static List<IntervalRow> of(Interval interval) {
        List<IntervalRow> rows = new ArrayList<>(interval.keys().size() + 1);
        Sample s = interval.sample();
        CorrectedLatency all = interval.latency();
        rows.add(new IntervalRow(null, s.requests(), s.successes(), s.errorCount(), s.errors(), s.setupErrors(),
                s.throughput(), s.p50Ms(), s.p95Ms(), s.p99Ms(), s.maxMs(), Latencies.percentileMs(all.raw(), 50),
                Latencies.percentileMs(all.raw(), 95), s.rawP99Ms()));
        long span = interval.endMs() - interval.startMs();
        for (KeyInterval k : interval.keys().values()) {
            CorrectedLatency l = k.latency();
            rows.add(new IntervalRow(k.key(), k.requests(), k.successes(), k.errorCount(), k.errors(), -1,
                    span <= 0 ? 0 : k.requests() * 1000.0 / span, l.percentileMs(50), l.percentileMs(95),
                    l.percentileMs(99), l.maxMs(), Latencies.percentileMs(k.raw(), 50),
                    Latencies.percentileMs(k.raw(), 95), Latencies.percentileMs(k.raw(), 99)));
        }
        return rows;
    }

    long errors(ErrorClass c) {
        return errors.getOrDefault(c, 0L);
    }

    /** Rounded as the JSON report rounds ({@code digits} after the point). */
    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
