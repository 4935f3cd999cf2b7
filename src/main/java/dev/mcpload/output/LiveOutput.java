package dev.mcpload.output;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Interval;
import dev.mcpload.report.LiveDisplay;
import dev.mcpload.report.ProgressPrinter;
import dev.mcpload.result.RunResult;

/**
 * {@code live}: the terminal display ({@link LiveDisplay}), redrawn twice a second and left on screen at the end;
 * where there is no usable terminal, plain progress lines instead.
 */
final class LiveOutput implements Output {
    private final OutputContext context;
    private LiveDisplay display;
    private ProgressPrinter lines;

    LiveOutput(String target, OutputContext context) {
        this.context = context;
    }

    @Override
    public void start(RunStart run) {
        display = LiveDisplay.open(run.schedule(), context.style());
        if (display == null) {
            lines = new ProgressPrinter(context.out(), ProgressPrinter.Mode.PLAIN, context.style(),
                    run.schedule().stageCount());
        } else {
            display.start(run.engine());
        }
    }

    @Override
    public void onInterval(Interval interval) {
        if (display != null) {
            display.onInterval(interval);
        } else {
            lines.onInterval(interval);
        }
    }

    @Override
    public void onBreakingPoint(BreakingPoint breakingPoint) {
        if (display != null) {
            display.onBreakingPoint(breakingPoint);
        } else {
            lines.onBreakingPoint(breakingPoint);
        }
    }

    @Override
    public void finish(RunResult result) {
        close();
        if (lines != null) {
            lines.finishLine();
        }
    }

    @Override
    public void close() {
        if (display != null) {
            display.close();
        }
    }
}
