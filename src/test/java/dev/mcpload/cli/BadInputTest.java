package dev.mcpload.cli;

import static dev.mcpload.cli.CliTest.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.cli.CliTest.Result;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, as a user types it: each gets one paragraph saying what is wrong, where and how to fix it, and the
 * exit code of the README (2 bad usage or config, 1 the target could not be tested) — never a stack trace, an
 * internal error, or a hint that sends the user the wrong way. Everything runs against 127.0.0.1.
 */
@Timeout(120)
class BadInputTest {
    @TempDir
    Path dir;

    /** One paragraph: no stack trace, no exception class name, no internal error. */
    private static Result clean(Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error")
                .doesNotContain("OutOfMemory");
        return r;
    }

    private Path config(String name, String toml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, toml);
        return p;
    }

    private Path config(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static final String PING = "[[scenario]]\ntype = \"ping\"\n";

    // ---- flags ------------------------------------------------------------------------------------------------

    @Test
    void aBadFlagValueIsOneLineWithAHelpHintNotTheWholeUsage() {
        Result r = mcpload("run", "--vus", "abc");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString()
                .contains("'abc' is not an int").contains("'mcpload run --help'");
        Result typo = mcpload("run", "--vu", "3");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err().strip().lines()).singleElement().asString().contains("did you mean --vus?");
    }

    // ---- counts and exit codes --------------------------------------------------------------------------------

    @Test
    void ctrlCExitsWith130AsDocumented() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("sigint.txt");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.mcpload.cli.Main",
                "run", "--duration", "60", "--no-report", "--progress", "plain")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!Files.readString(out).contains("vus 5/5") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start(); // what Ctrl-C sends
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(Errors.INTERRUPTED).isEqualTo(130);
            assertThat(Files.readString(out)).contains("Interrupted").contains("mcp_req_total");
        } finally {
            p.destroyForcibly();
        }
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains("Exit codes:").containsPattern("Exit codes:[^#]*130 ");
    }
}
