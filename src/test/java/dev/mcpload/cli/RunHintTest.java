package dev.mcpload.cli;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Run it with" line of a generated file is a command that works as printed: a real shell reads it back
 * into the words init was given, and running those words runs the file.
 */
@Timeout(120)
class RunHintTest {
    @TempDir
    Path dir;

    /** The words a shell makes of {@code line}, where {@code mcpload} is a function that prints its arguments. */
    private static List<String> shellWords(String shell, String line) throws Exception {
        Process p = new ProcessBuilder(shell, "-c", "mcpload() { printf '%s\\0' \"$@\"; }; " + line)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        List<String> words = new ArrayList<>(Arrays.asList(out.split("\0", -1)));
        words.remove(words.size() - 1); // after the last NUL
        return words;
    }

    private static String runLine(Path config) throws IOException {
        String prefix = "# Run it with: ";
        return Files.readAllLines(config).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in " + config))
                .substring(prefix.length());
    }

    @Test
    void everyWordSurvivesAPosixShell() throws Exception {
        for (String word : List.of("plain", "two words", "it's", "'", "\"quoted\" $HOME `date` \\ *", "", "a=b,c:d")) {
            assertThat(shellWords("sh", "mcpload " + RunHint.quote(word))).as(word).containsExactly(word);
        }
        // control characters cannot be written on one line in POSIX sh; bash, zsh and ksh read $'...'
        assertThat(shellWords("bash", "mcpload " + RunHint.quote("line\none\ttab'q"))).containsExactly("line\none\ttab'q");
    }

    @Test
    void literalHeaderValuesStayOutOfTheFileButEnvironmentReferencesAreKept() throws Exception {
        String line = RunHint.run(TransportKind.SSE, "http://127.0.0.1:1/sse", null, Path.of("x.toml"),
                List.of("Authorization: Bearer ${TOKEN}", "X-Api-Key: s3cret"));
        assertThat(line).doesNotContain("s3cret").contains("X-Api-Key");
        assertThat(shellWords("sh", line)).containsExactly("run", "http://127.0.0.1:1/sse", "--transport", "sse",
                "--config", "x.toml", "-H", "Authorization: Bearer ${TOKEN}");
    }

    @Test
    void stdioInitWritesARunLineWithTheQuotedCommandAndTheConfigAndItRuns() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // quotes inside the command, a space and a quote in the file name: the hardest words to copy by hand
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.mcpload.server.StdioServer";
        Path cfg = dir.resolve("my tests/it's.toml");
        InProcessCli.Result init = mcpload("init", "--transport", "stdio", "--command", command, "--output",
                cfg.toString());
        assertThat(init.code()).as(init.err()).isZero();
        String line = runLine(cfg);
        assertThat(init.out()).contains("Run it with: " + line);

        List<String> words = shellWords("sh", line);
        assertThat(words).containsExactly("run", "--transport", "stdio", "--command", command, "--config",
                cfg.toString());
        InProcessCli.Result run = mcpload(with(words, "--vus", "1", "--duration", "3", "--no-report", "--progress",
                "none"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("mcp_req_error_count\\.*: 0\\R")
                .containsPattern("mcp_req_success_count\\.*: [1-9]");
    }

    @Test
    void httpInitWithOutputWritesARunLineWithConfigAndItRuns() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            Path cfg = dir.resolve("elsewhere.toml");
            assertThat(mcpload("init", server.mcpUrl(), "--output", cfg.toString()).code()).isZero();
            List<String> words = shellWords("sh", runLine(cfg));
            assertThat(words).containsExactly("run", server.mcpUrl(), "--config", cfg.toString());
            InProcessCli.Result run = mcpload(with(words, "--vus", "1", "--duration", "1", "--no-report",
                    "--progress", "none"));
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).containsPattern("mcp_req_error_count\\.*: 0\\R")
                .containsPattern("mcp_req_success_count\\.*: [1-9]");
        }
    }

    @Test
    void withoutAConfigRunSuggestsTheInitCommandForStdioNotNull() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.mcpload.server.StdioServer";
        String hint = RunHint.writeOne(false, TransportKind.STDIO, null, command);
        assertThat(hint).doesNotContain("null").startsWith("Write one with: mcpload init ");
        assertThat(shellWords("sh", hint.substring("Write one with: ".length())))
                .containsExactly("init", "--transport", "stdio", "--command", command);
    }

    private static String[] with(List<String> words, String... more) {
        List<String> all = new ArrayList<>(words);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
