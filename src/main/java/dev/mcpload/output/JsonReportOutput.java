package dev.mcpload.output;

import dev.mcpload.config.FileErrors;
import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReport;
import dev.mcpload.report.ReportFiles;
import dev.mcpload.result.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code json}: the JSON report ({@link JsonReport}) of the finished run. Without a target, a new
 * {@code loadtest-<UTC time>.json} in the report directory, never over an earlier one; {@code json=FILE}
 * writes FILE (replacing it, atomically). Whether it can be written is checked when the output is made, before
 * the load.
 */
final class JsonReportOutput implements Output {
    private final PrintStream out;
    private final Path dir;
    private final Path file;

    JsonReportOutput(String target, OutputContext context) {
        this.out = context.out();
        if (target == null) {
            this.dir = context.reportDir();
            this.file = null;
            WriteCheck.check(dir, "under " + dir, "choose another --report-dir, or --no-report");
        } else {
            if (target.isBlank()) {
                throw new IllegalArgumentException("--out json=: name the file after '=', e.g. --out"
                        + " json=report.json (or --out json for a new file in the report directory)");
            }
            try {
                this.file = Path.of(target);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("--out json=" + target + ": not a file name: " + e.getReason());
            }
            this.dir = file.toAbsolutePath().getParent();
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException("--out json=" + target + " is a directory: name the file, e.g."
                        + " --out json=" + file.resolve("report.json") + ", or use --report-dir " + target);
            }
            WriteCheck.check(dir, "to " + file, "choose another --out json=FILE");
        }
    }

    @Override
    public void finish(RunResult result) {
        try {
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(JsonReport.build(result));
            Path written = file == null ? ReportFiles.writeNew(dir, result.startedAt(), "loadtest", "json", json)
                    : ReportFiles.replace(file, json);
            out.println("  JSON report: " + written);
            out.println();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? FileErrors.reason(io) : e.getMessage();
            throw new OutputException("could not write the JSON report " + (file == null ? "under " + dir
                    : "to " + file) + ": " + why + " (the summary above is complete)");
        }
    }
}
