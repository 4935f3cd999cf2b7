package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live figures of one {@link MetricKey}, written by every virtual user at once without locks: an interval
 * recorder of raw latency and logical counters. The correction for coordinated omission is not made here but
 * when an interval closes ({@link CoordinatedOmission}), where the key's normal cycle is known.
 */
public final class OperationMetrics {
    private final MetricKey key;
    private final Recorder raw = new Recorder(Latencies.LOWEST_US, Latencies.HIGHEST_US, Latencies.DIGITS);
    private final LongAdder successes = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorClass.values().length];
    private final LongAdder inputRequired = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();
    private final ErrorExamples examples;

    OperationMetrics(MetricKey key, ErrorExamples examples) {
        this.key = key;
        this.examples = examples;
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    public MetricKey key() {
        return key;
    }

    /** A successful request that took {@code nanos}. */
    public void recordSuccess(long nanos) {
        raw.recordValue(Latencies.toMicros(nanos));
        successes.increment();
    }

    /** A failed request of the given class; {@code message} is kept when it is among the first seen. */
    public void recordError(ErrorClass errorClass, String message) {
        errors[errorClass.ordinal()].increment();
        examples.offer(errorClass, key, message);
    }

    /**
     * A request the server left waiting for input (2026-07-28 {@code input_required}) that the config had no
     * answer for: sent and answered, so counted, but neither a success nor an error.
     */
    public void recordInputRequired() {
        inputRequired.increment();
    }

    /** Round trips beyond the first that one request took, answering the server's input requests. */
    public void recordRoundTrips(long extra) {
        roundTrips.add(extra);
    }

    public long inputRequired() {
        return inputRequired.sum();
    }

    public long roundTrips() {
        return roundTrips.sum();
    }

    public long successes() {
        return successes.sum();
    }

    public long errors(ErrorClass c) {
        return errors[c.ordinal()].sum();
    }

    Histogram intervalRaw(Histogram recycle) {
        return raw.getIntervalHistogram(recycle);
    }
}
