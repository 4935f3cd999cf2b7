package dev.mcpload.cli;

import dev.mcpload.output.Output;
import dev.mcpload.output.OutputContext;
import dev.mcpload.output.OutputException;
import dev.mcpload.output.OutputRegistry;
import dev.mcpload.output.OutputSpec;
import dev.mcpload.output.RunOutputs;
import dev.mcpload.report.CeilingPrinter;
import dev.mcpload.report.Style;
import dev.mcpload.result.RunResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mcpload report REPORT.json [--html [FILE]] [--summary]}: a saved JSON report, rendered again: its
 * summary printed (when there is no {@code --html}, or with {@code --summary}), its HTML report written (with
 * {@code --html}). The report is read back
 * into the {@link RunResult} it was written from ({@link SavedReport}), so the summary it prints and
 * the HTML report it writes are exactly what the run itself would have printed and written. Nothing is sent
 * anywhere.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a saved JSON report: print its summary, or with --html write its HTML report.",
                "Exit codes: 0 done, 2 the report cannot be read, 74 the HTML report cannot be written."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT.json", description = "A JSON report written by mcpload run or ceiling.")
    Path report;

    @Option(names = "--html", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Write the HTML report to FILE; without FILE, beside REPORT.json with .html for .json.")
    String html;

    @Option(names = "--summary", description = "Print the summary as well as writing --html (without --html it"
            + " always prints).")
    boolean summary;

    @Option(names = "--no-color", description = "No ANSI colors (also honours NO_COLOR).")
    boolean noColor;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        RunResult result = read(report);
        Style style = Style.auto(noColor);
        RunOutputs outputs = outputs(style);
        try {
            if (printsSummary() && result.ceiling().isPresent()) {
                new CeilingPrinter(out, style, dev.mcpload.protocol.ProtocolVersions.isModern(
                        result.server().protocolVersion())).print(result.ceiling().get());
            }
            List<String> failures = outputs.finish(result);
            failures.forEach(f -> err.println("mcpload: " + f));
            return failures.isEmpty() ? Errors.OK : Errors.REPORT_NOT_WRITABLE;
        } finally {
            outputs.close();
        }
    }

    /** The report as a run, or one paragraph saying why it cannot be read (exit code 2: bad input). */
    static RunResult read(Path file) {
        return SavedReport.read(file).run();
    }

    private boolean printsSummary() {
        return html == null || summary;
    }

    /** The summary (without --html, or with --summary), then the HTML report (with --html): made, and checked, before anything prints. */
    private RunOutputs outputs(Style style) {
        Path dir = report.toAbsolutePath().getParent();
        OutputContext context = new OutputContext(out, style, dir, null);
        List<OutputSpec> specs = new ArrayList<>();
        if (printsSummary()) {
            specs.add(new OutputSpec("summary", null));
        }
        if (html != null) {
            String name = report.toString();
            String beside = (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".html";
            specs.add(new OutputSpec("html", html.isEmpty() ? beside : html));
        }
        try {
            List<Output> made = new ArrayList<>();
            for (OutputSpec spec : specs) {
                made.add(OutputRegistry.create(spec, context));
            }
            return new RunOutputs(made);
        } catch (OutputException e) {
            throw new UserError(e.getMessage(), Errors.REPORT_NOT_WRITABLE);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
