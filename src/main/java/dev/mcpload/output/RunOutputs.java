package dev.mcpload.output;

import dev.mcpload.engine.IntervalListener;
import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Interval;
import dev.mcpload.report.ProgressPrinter;
import dev.mcpload.result.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of one run, in the order they are called: the console one {@code --progress} asks for
 * ({@code live} in a terminal, else {@code progress} lines, none with {@code -q}), the {@code summary}, then the
 * {@code --out} ones ({@code json} into the report directory when no {@code --out json} says otherwise, unless
 * {@code --no-report}). So at the end the live display is closed before the summary prints, and the report's
 * path comes after it.
 *
 * <p>It is the engine's one {@link IntervalListener}: each interval and the breaking point go to every output,
 * in that order, on the engine's clock thread.
 */
public final class RunOutputs implements IntervalListener, AutoCloseable {
    private final List<Output> outputs;

    /** Exactly these outputs, in this order (tests, and drivers that wire their own). */
    public RunOutputs(List<Output> outputs) {
        this.outputs = List.copyOf(outputs);
    }

    /**
     * The outputs of {@code mcpload run}, made from the {@link OutputRegistry}; the {@code --out} names must
     * have passed {@link OutputRegistry#checkOut}.
     *
     * @throws IllegalArgumentException a target an output cannot take (a usage error)
     * @throws OutputException          a report that could not be written where it is going
     */
    public static RunOutputs forRun(ProgressPrinter.Mode progress, List<OutputSpec> outs, boolean noReport,
                                    OutputContext context) {
        List<OutputSpec> specs = new ArrayList<>();
        if (progress != ProgressPrinter.Mode.NONE) {
            specs.add(new OutputSpec(progress == ProgressPrinter.Mode.TTY ? "live" : "progress", null));
        }
        specs.add(new OutputSpec("summary", null));
        if (!noReport && outs.stream().noneMatch(s -> s.name().equals("json"))) {
            specs.add(new OutputSpec("json", null));
        }
        specs.addAll(outs);
        List<Output> made = new ArrayList<>();
        for (OutputSpec spec : specs) {
            made.add(OutputRegistry.create(spec, context));
        }
        return new RunOutputs(made);
    }

    /** These outputs and {@code extra}, called last (one that watches the run rather than reports it). */
    public RunOutputs plus(Output extra) {
        List<Output> all = new ArrayList<>(outputs);
        all.add(extra);
        return new RunOutputs(all);
    }

    /** The outputs, in the order they are called. */
    List<Output> outputs() {
        return outputs;
    }

    /** Hands {@code stopRun} to the outputs that can stop the run, then starts each. */
    public void start(RunStart run, Runnable stopRun) {
        for (Output o : outputs) {
            if (o instanceof StopsRun s) {
                s.setRunStop(stopRun);
            }
        }
        for (Output o : outputs) {
            o.start(run);
        }
    }

    @Override
    public void onInterval(Interval interval) {
        for (Output o : outputs) {
            o.onInterval(interval);
        }
    }

    @Override
    public void onBreakingPoint(BreakingPoint breakingPoint) {
        for (Output o : outputs) {
            o.onBreakingPoint(breakingPoint);
        }
    }

    /**
     * Finishes every output in order, each even when an earlier one failed.
     *
     * @return what failed, one sentence each (empty: all did their job)
     */
    public List<String> finish(RunResult result) {
        List<String> failures = new ArrayList<>();
        for (Output o : outputs) {
            try {
                o.finish(result);
            } catch (OutputException e) {
                failures.add(e.getMessage());
            }
        }
        return failures;
    }

    /** Closes every output (after {@link #finish}, or instead of it when the run failed). */
    @Override
    public void close() {
        for (Output o : outputs) {
            o.close();
        }
    }
}
