package dev.mcpload.output;

import dev.mcpload.config.FileErrors;
import dev.mcpload.report.ReportFiles;
import dev.mcpload.report.html.HtmlReport;
import dev.mcpload.result.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code html}: the self-contained HTML report ({@link HtmlReport}) of the finished run, charts and tables in one
 * offline file. Without a target, a new {@code loadtest-<UTC time>.html} in the report directory, named like the
 * JSON report beside it; {@code html=FILE} writes FILE (replacing it, atomically). As for the JSON report,
 * whether it can be written is checked when the output is made, before the load.
 */
final class HtmlReportOutput implements Output {
    private final PrintStream out;
    private final Path dir;
    private final Path file;

    HtmlReportOutput(String target, OutputContext context) {
        this.out = context.out();
        if (target == null) {
            this.dir = context.reportDir();
            this.file = null;
            WriteCheck.check(dir, "the HTML report", "under " + dir, "choose another --report-dir, or --html FILE");
            return;
        }
        if (target.isBlank()) {
            throw new IllegalArgumentException("--out html=: name the file after '=', e.g. --out html=report.html"
                    + " (or --out html for a new file in the report directory)");
        }
        try {
            this.file = Path.of(target);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--html " + target + ": not a file name: " + e.getReason());
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--html " + target + " is a directory: name the file, e.g. --html "
                    + file.resolve("report.html"));
        }
        this.dir = file.toAbsolutePath().getParent();
        WriteCheck.check(dir, "the HTML report", "to " + file, "choose another --html FILE");
    }

    @Override
    public void finish(RunResult result) {
        try {
            byte[] page = HtmlReport.render(result);
            Path written = file == null ? ReportFiles.writeNew(dir, result.startedAt(), "loadtest", "html", page)
                    : ReportFiles.replace(file, page);
            out.println("  HTML report: " + written);
            out.println();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? FileErrors.reason(io) : e.getMessage();
            throw new OutputException("could not write the HTML report " + (file == null ? "under " + dir
                    : "to " + file) + ": " + why);
        }
    }
}
