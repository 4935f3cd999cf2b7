package dev.mcpload.engine.executor;

/**
 * The open model (k6's arrival-rate executors, Gatling's open injection): when each iteration starts, whatever
 * the server does. The engine starts every iteration at its time on a free VU from a pool (pre-allocated, grown up
 * to {@link #maxVus()}); an iteration that finds none is dropped and counted, never queued, so a slow server
 * cannot slow the arrivals down — and its latency is measured from the time the schedule gave it.
 */
public interface OpenExecutor extends Executor {
    /** A fresh sequence of this schedule's arrival times, one per run. */
    Arrivals arrivals();

    /** VUs (with their sessions) opened before the first arrival. */
    int preAllocatedVus();

    /** Iterations per second the schedule asks for at {@code elapsedMs}, for labels. */
    double ratePerSecondAt(long elapsedMs);

    /** Whether an iteration is a whole session (open, calls, close) rather than one request on a held one. */
    default boolean sessionPerIteration() {
        return false;
    }
}
