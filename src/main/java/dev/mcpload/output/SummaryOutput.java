package dev.mcpload.output;

import dev.mcpload.report.SummaryPrinter;
import dev.mcpload.result.RunResult;

/** {@code summary}: the end-of-test summary ({@link SummaryPrinter}), what every run prints. */
final class SummaryOutput implements Output {
    private final OutputContext context;

    SummaryOutput(String target, OutputContext context) {
        this.context = context;
    }

    @Override
    public void finish(RunResult result) {
        new SummaryPrinter(context.style()).print(result, context.targetNote(), context.out());
    }
}
