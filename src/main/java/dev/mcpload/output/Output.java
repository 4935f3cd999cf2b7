package dev.mcpload.output;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Interval;
import dev.mcpload.result.RunResult;

/**
 * Where a run's results go: the live display, the progress lines, the summary, the JSON report, and later HTML,
 * CSV, HdrHistogram logs, Prometheus. Each is one class, found by name in {@link OutputRegistry}, and reads
 * only what the run hands it: the schedule at {@link #start}, each closed {@link Interval} and the breaking
 * point while the load runs, the finished {@link RunResult} at {@link #finish}.
 *
 * <p>The calls, in order, on one output: {@code start} once; {@code onInterval} and {@code onBreakingPoint} on
 * the engine's clock thread while the load runs (quick: the clock waits for them); {@code finish} once with the
 * result, unless the run failed before it had one; {@code close} always, last. Outputs are called in the order
 * they were wired, each call to all of them before the next.
 *
 * <p>Optional capabilities are interfaces an output may also implement: {@link StopsRun} (it can end the run).
 */
public interface Output extends AutoCloseable {
    /** Before the load, once the engine exists. */
    default void start(RunStart run) {
    }

    /** A closed interval, on the engine's clock thread. */
    default void onInterval(Interval interval) {
    }

    /** The breaking point, when the detector finds it, on the engine's clock thread. */
    default void onBreakingPoint(BreakingPoint breakingPoint) {
    }

    /**
     * The run is over and this is what it measured (an interrupted run included).
     *
     * @throws OutputException when this output could not do its job (a report that could not be written);
     *                         the message is a sentence for the user, and the run's exit code says it failed
     */
    void finish(RunResult result);

    /** Gives back what the output holds (a terminal, a file), whether or not {@link #finish} ran. Idempotent. */
    @Override
    default void close() {
    }
}
