package dev.mcpload.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes report files atomically and never over an earlier one: the bytes go to a temporary file in the same
 * directory, which is then linked (or moved) to the first free name. A reader never sees half a report, and
 * two runs in the same second both keep theirs.
 */
public final class ReportFiles {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC);

    private ReportFiles() {
    }

    /** {@code dir/<prefix>-<UTC stamp>[-n].<extension>}, written atomically. */
    public static Path writeNew(Path dir, Instant when, String prefix, String extension, byte[] content)
            throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + prefix + "-", ".tmp");
        try {
            Files.write(tmp, content);
            String base = prefix + "-" + STAMP.format(when);
            for (int n = 0; n < 1000; n++) {
                Path target = dir.resolve(base + (n == 0 ? "" : "-" + n) + "." + extension);
                try {
                    Files.createLink(target, tmp); // fails if target exists: no overwrite, no race
                    return target;
                } catch (FileAlreadyExistsException e) {
                    // taken: try the next name
                } catch (UnsupportedOperationException | IOException e) {
                    if (Files.exists(target)) {
                        continue;
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                }
            }
            throw new IOException("no free report name under " + dir + " for " + base);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code file}, replaced atomically: a reader sees the old report or the new one, never half of one. */
    public static Path replace(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName() + "-", ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
