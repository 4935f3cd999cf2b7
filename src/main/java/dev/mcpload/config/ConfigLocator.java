package dev.mcpload.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code .mcpload/loadtest.toml} in a directory or the nearest parent, as git finds {@code .git}. */
public final class ConfigLocator {
    public static final Path DEFAULT_RELATIVE = Path.of(".mcpload", "loadtest.toml");

    private ConfigLocator() {
    }

    public static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DEFAULT_RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
