package dev.mcpload.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the config in a directory or the nearest parent, as git finds {@code .git}: {@code .mcpload/loadtest.toml},
 * or else {@code .pmcp/loadtest.toml}, the file of {@code cargo pmcp loadtest} (same schema), so a project that
 * switches needs no new file. The nearest directory wins; within one directory {@code .mcpload} wins.
 */
public final class ConfigLocator {
    public static final Path DEFAULT_RELATIVE = Path.of(".mcpload", "loadtest.toml");
    public static final Path PMCP_RELATIVE = Path.of(".pmcp", "loadtest.toml");

    private ConfigLocator() {
    }

    public static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            for (Path relative : new Path[] {DEFAULT_RELATIVE, PMCP_RELATIVE}) {
                Path candidate = dir.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code config} is a {@code .pmcp/loadtest.toml}, which {@code run} says it is using. */
    public static boolean isPmcp(Path config) {
        Path parent = config.getParent();
        return config.getFileName() != null && config.getFileName().toString().equals("loadtest.toml")
                && parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(".pmcp");
    }
}
