package dev.mcpload.output;

import dev.mcpload.config.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a report can be written where it is going, checked before the load starts: finding out after a
 * 10-minute run wastes the run. Nothing is created: the check writes and deletes a probe file in the nearest
 * directory that exists (where the report's directories would be created), so the operating system's own answer
 * ("Permission denied", "Not a directory", "Read-only file system") is what the message says.
 */
final class WriteCheck {
    private WriteCheck() {
    }

    /**
     * @param dir  where the report's directories would be created
     * @param what how the message names the report's place, e.g. "under .mcpload/reports"
     * @param fix  what to change, e.g. "choose another --report-dir, or --no-report"
     */
    static void check(Path dir, String what, String fix) {
        check("JSON report", dir, what, fix);
    }

    /** As {@link #check(Path, String, String)}, for the report called {@code report} (e.g. "HTML report"). */
    static void check(String report, Path dir, String what, String fix) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw failure(report, what, "No such file or directory", null, fix);
        }
        try {
            Path probe = Files.createTempFile(existing, ".mcpload-write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            String which = !Files.isDirectory(existing) ? existing + " is a file"
                    : !existing.equals(abs) ? "in " + existing : null;
            throw failure(report, what, FileErrors.reason(e), which, fix);
        }
    }

    private static OutputException failure(String report, String what, String reason, String which, String fix) {
        return new OutputException("cannot write the " + report + " " + what + ": " + reason
                + (which == null ? "" : " (" + which + ")") + "; nothing was run: " + fix);
    }
}
