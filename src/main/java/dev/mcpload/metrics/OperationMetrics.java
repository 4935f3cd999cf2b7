package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live figures of one {@link MetricKey}, written by every virtual user at once without locks: two interval
 * recorders (raw latency, and latency corrected for coordinated omission) and logical counters. Counters are
 * the truth about how many requests were made; the corrected histogram's count is not (it holds fill-ins).
 */
public final class OperationMetrics {
    private final MetricKey key;
    private final Recorder raw = new Recorder(Latencies.LOWEST_US, Latencies.HIGHEST_US, Latencies.DIGITS);
    private final Recorder corrected = new Recorder(Latencies.LOWEST_US, Latencies.HIGHEST_US, Latencies.DIGITS);
    private final LongAdder successes = new LongAdder();
    private final LongAdder[] errors = new LongAdder[ErrorClass.values().length];
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

    /**
     * A successful request that took {@code nanos}. {@code expectedIntervalMicros} is how often this virtual
     * user would have sent had the server not stalled; 0 disables the correction.
     */
    public void recordSuccess(long nanos, long expectedIntervalMicros) {
        long us = Latencies.toMicros(nanos);
        raw.recordValue(us);
        if (expectedIntervalMicros > 0) {
            corrected.recordValueWithExpectedInterval(us, expectedIntervalMicros);
        } else {
            corrected.recordValue(us);
        }
        successes.increment();
    }

    /** A failed request of the given class; {@code message} is kept when it is among the first seen. */
    public void recordError(ErrorClass errorClass, String message) {
        errors[errorClass.ordinal()].increment();
        examples.offer(errorClass, key, message);
    }

    long successes() {
        return successes.sum();
    }

    long errors(ErrorClass c) {
        return errors[c.ordinal()].sum();
    }

    Histogram intervalRaw(Histogram recycle) {
        return raw.getIntervalHistogram(recycle);
    }

    Histogram intervalCorrected(Histogram recycle) {
        return corrected.getIntervalHistogram(recycle);
    }
}
