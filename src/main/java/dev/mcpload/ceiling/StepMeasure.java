package dev.mcpload.ceiling;

import dev.mcpload.protocol.ErrorClass;
import java.util.Map;

/**
 * One step of the ceiling search, judged on its own measured window only (after the settle time, its intervals'
 * histograms and counts added): never cumulative data.
 *
 * @param sessions       VUs held during the step
 * @param attempt        1, or 2 for the repeat that confirms (or refutes) a failed step
 * @param windowSecs     length of the measured window
 * @param requests       requests in the window, session setups included
 * @param requestsPerSec tool calls (and other scenario operations) per second
 * @param errorRate      failed requests over requests, session setups included (the generator's own failures too:
 *                       {@link #serverErrorRate()} is what the SLO judges)
 * @param errors         failures by class label
 * @param sessionsPerSec sessions opened per second in the window (churn)
 * @param passed         within the SLO
 * @param verdict        why it passed or failed, in words
 */
public record StepMeasure(int sessions, int attempt, double windowSecs, long requests, double requestsPerSec,
                          double p50Ms, double p95Ms, double p99Ms, double initP99Ms, double errorRate,
                          Map<String, Long> errors, double sessionsPerSec, boolean passed, String verdict) {
    public StepMeasure {
        errors = Map.copyOf(errors);
    }

    /**
     * Requests that failed in mcpload itself ({@link ErrorClass#GENERATOR}: out of memory, out of descriptors): the
     * step did not apply the load it names, and they say nothing about the server.
     */
    public long generatorErrors() {
        return errors.getOrDefault(ErrorClass.GENERATOR.label(), 0L);
    }

    /** The error rate the server is judged on: {@link #errorRate()} without the generator's own failures. */
    public double serverErrorRate() {
        long ours = generatorErrors();
        long judged = requests - ours;
        long failed = Math.round(errorRate * requests) - ours;
        return judged <= 0 || failed <= 0 ? 0 : (double) failed / judged;
    }
}
