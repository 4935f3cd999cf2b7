package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching from {@code cargo pmcp loadtest} costs nothing: {@code mcpload run} in a project that has only a
 * {@code .pmcp/loadtest.toml} uses it, says so, and writes its report to {@code .pmcp/reports/}, as the chapter
 * shows. The config is found from the working directory, so the CLI runs as a child process started there.
 */
@Timeout(120)
class PmcpConfigFallbackTest {
    @TempDir
    Path project;

    /** A short run of the embedded server with one VU, as a pmcp user's file would describe it. */
    private static final String CONFIG = """
            [settings]
            virtual_users = 1
            duration_secs = 1
            timeout_ms = 5000

            [[scenario]]
            type = "tools/call"
            weight = 1
            tool = "add"
            arguments = { a = 42, b = 17 }
            """;

    private String runIn(Path cwd) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = project.resolve("out-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.mcpload.cli.Main",
                "run", "--progress", "none").directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private static List<Path> reports(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("loadtest-")).toList();
        }
    }

    @Test
    void aPmcpConfigIsUsedWhenThereIsNoMcploadOneAndTheRunSaysSo() throws Exception {
        Path pmcp = project.resolve(".pmcp/loadtest.toml");
        Files.createDirectories(pmcp.getParent());
        Files.writeString(pmcp, CONFIG);
        Path cwd = Files.createDirectories(project.resolve("src/deep"));

        String out = runIn(cwd);
        assertThat(out).contains("Using " + pmcp.toRealPath()
                + " (the cargo pmcp loadtest file; mcpload reads the same schema).")
                .doesNotContain("No config file found");
        assertThat(out).containsPattern("mcp_req_error_count\\.*: 0\\R");
        assertThat(reports(project.resolve(".pmcp/reports"))).hasSize(1);

        // an .mcpload config beside it wins, silently, and keeps its own reports
        Path mcpload = project.resolve(".mcpload/loadtest.toml");
        Files.createDirectories(mcpload.getParent());
        Files.writeString(mcpload, CONFIG);
        String second = runIn(cwd);
        assertThat(second).doesNotContain("Using ").doesNotContain("pmcp");
        assertThat(reports(project.resolve(".mcpload/reports"))).hasSize(1);
        assertThat(reports(project.resolve(".pmcp/reports"))).hasSize(1);
    }
}
