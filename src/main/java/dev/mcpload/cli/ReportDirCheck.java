package dev.mcpload.cli;

import dev.mcpload.config.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the JSON report can be written, checked before the load starts: finding out after a 10-minute run
 * wastes the run. Nothing is created: the check writes and deletes a probe file in the nearest directory that
 * exists (where the report's directories would be created), so the operating system's own answer ("Permission
 * denied", "Not a directory", "Read-only file system") is what the message says.
 */
final class ReportDirCheck {
    private ReportDirCheck() {
    }

    static void check(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw failure(dir, "No such file or directory", null);
        }
        try {
            Path probe = Files.createTempFile(existing, ".mcpload-write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            String which = !Files.isDirectory(existing) ? existing + " is a file"
                    : !existing.equals(abs) ? "in " + existing : null;
            throw failure(dir, FileErrors.reason(e), which);
        }
    }

    private static UserError failure(Path dir, String reason, String which) {
        return new UserError("cannot write the JSON report under " + dir + ": " + reason
                + (which == null ? "" : " (" + which + ")") + "; nothing was run: choose another --report-dir,"
                + " or --no-report", Errors.FAILED);
    }
}
