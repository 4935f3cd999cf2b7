package dev.mcpload.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags shared by the commands that measure and report ({@code run}, {@code ceiling}): where the JSON report
 * goes, the HTML report, colors, how much is printed while it runs, stack traces. One picocli mixin, so both say
 * the same.
 */
final class ResultOptions {
    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write the JSON report.")
    Path reportDir;

    @Option(names = "--no-report", description = "Do not write the JSON report.")
    boolean noReport;

    @Option(names = "--html", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Also write the HTML report (charts, one offline file) to FILE; without FILE, beside the"
                    + " JSON report, named like it. Same as --out html[=FILE].")
    String html;

    @Option(names = "--no-color", description = "No ANSI colors (also honours NO_COLOR).")
    boolean noColor;

    @Option(names = {"-q", "--quiet"}, description = "No banner and no live progress; the results still print.")
    boolean quiet;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    /**
     * {@code --html} as an output: {@code html=FILE}, or {@code html} (a new file in the report directory), or
     * {@code html=<json FILE>.html} when the JSON report goes to a file of its own ({@code jsonFile}, else null).
     * Null without {@code --html}.
     */
    dev.mcpload.output.OutputSpec htmlOutput(String jsonFile) {
        if (html == null) {
            return null;
        }
        if (html.contains("://")) {
            // picocli gives --html the next word when it is not a flag: "run --html http://..." lands here
            throw new UserError("--html " + html + ": --html takes a file name, not a URL; put the URL before"
                    + " --html, or write --html=FILE");
        }
        if (!html.isEmpty()) {
            return new dev.mcpload.output.OutputSpec("html", html);
        }
        if (jsonFile != null) {
            String base = jsonFile.endsWith(".json") ? jsonFile.substring(0, jsonFile.length() - 5) : jsonFile;
            return new dev.mcpload.output.OutputSpec("html", base + ".html");
        }
        return new dev.mcpload.output.OutputSpec("html", null);
    }
}
