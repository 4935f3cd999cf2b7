package dev.mcpload.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags shared by the commands that measure and report ({@code run}, {@code ceiling}): where the JSON report
 * goes, colors, how much is printed while it runs, stack traces. One picocli mixin, so both say the same.
 */
final class ResultOptions {
    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write the JSON report.")
    Path reportDir;

    @Option(names = "--no-report", description = "Do not write the JSON report.")
    boolean noReport;

    @Option(names = "--no-color", description = "No ANSI colors (also honours NO_COLOR).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "No banner and no live progress; the results still print.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;
}
