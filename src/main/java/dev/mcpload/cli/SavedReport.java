package dev.mcpload.cli;

import dev.mcpload.config.FileErrors;
import dev.mcpload.result.ReportDocument;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON report read back from a file, for the commands that read finished runs ({@code report},
 * {@code compare}): the document as written (its schema version) and the run it describes. A file that cannot
 * be read, or is not a report, is one paragraph saying why (exit code 2: bad input), never a stack trace.
 */
record SavedReport(Path file, ReportDocument document, RunResult run) {
    static SavedReport read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a directory: name a JSON report in it, e.g. " + file.resolve(
                    "loadtest-2026-12-03T08-00-00.json") + " (mcpload run writes them to .mcpload/reports)");
        }
        try {
            ReportDocument d = ReportReader.read(file);
            return new SavedReport(file, d, ReportReader.toRunResult(d));
        } catch (IOException e) {
            String why = e.getCause() == null ? FileErrors.reason(e) : e.getMessage();
            throw new UserError("cannot read the report " + file + ": " + why + (Files.exists(file) ? ""
                    : " (mcpload run writes its JSON reports to .mcpload/reports, or where --report-dir says)"));
        } catch (IllegalArgumentException e) {
            throw new UserError("cannot read the report " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // valid JSON, but not the shape of a report (a missing metrics or breaking_point block)
            throw new UserError("cannot read the report " + file + ": it is JSON but not an mcpload report ("
                    + e + "); give a file written by mcpload run or mcpload ceiling");
        }
    }
}
