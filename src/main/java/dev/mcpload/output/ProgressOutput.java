package dev.mcpload.output;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Interval;
import dev.mcpload.report.ProgressPrinter;
import dev.mcpload.result.RunResult;

/** {@code progress}: one line per interval ({@link ProgressPrinter}), as when piped or in CI. */
final class ProgressOutput implements Output {
    private final OutputContext context;
    private ProgressPrinter printer;

    ProgressOutput(String target, OutputContext context) {
        this.context = context;
    }

    @Override
    public void start(RunStart run) {
        printer = new ProgressPrinter(context.out(), ProgressPrinter.Mode.PLAIN, context.style(),
                run.schedule().stageCount());
    }

    @Override
    public void onInterval(Interval interval) {
        printer.onInterval(interval);
    }

    @Override
    public void onBreakingPoint(BreakingPoint breakingPoint) {
        printer.onBreakingPoint(breakingPoint);
    }

    @Override
    public void finish(RunResult result) {
        printer.finishLine();
    }
}
