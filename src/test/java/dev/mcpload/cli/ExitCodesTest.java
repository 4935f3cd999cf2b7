package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented exit codes (README "Exit codes"), each from the real CLI process as CI runs it: 0 passed, 2 bad
 * config, 69 unreachable at the start, 74 report not writable, 99 thresholds failed, 108 aborted by a threshold.
 * 130 and 143 (signals) are {@link SignalsTest}'s.
 */
@Timeout(180)
class ExitCodesTest {
    @TempDir
    Path dir;

    private record Ended(int code, String out) {
    }

    private Ended mcpload(String... args) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.mcpload.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended within 60 s").isTrue();
            return new Ended(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void eachOutcomeHasItsOwnCode() throws Exception {
        String quick = "--duration=2";
        assertThat(mcpload("run", quick, "--no-report", "--threshold", "mcp_req_error_rate=rate<0.5").code()).isZero();
        Ended failed = mcpload("run", quick, "--no-report", "--threshold", "mcp_req_duration=p(50)<0.001");
        assertThat(failed.code()).as(failed.out()).isEqualTo(99);
        assertThat(failed.out()).contains("1 of 1 failed");

        Path cfg = Files.writeString(dir.resolve("abort.toml"), """
                [settings]
                duration_secs = 60

                [[scenario]]
                type = "tools/call"
                tool = "add"
                arguments = { a = 1, b = 2 }

                [thresholds]
                mcp_req_duration = [{ threshold = "max < 0.001", abort_on_fail = true }]
                """);
        Ended aborted = mcpload("run", "--config", cfg.toString(), "--no-report");
        assertThat(aborted.code()).as(aborted.out()).isEqualTo(108);
        assertThat(aborted.out()).contains("Aborted by the threshold mcp_req_duration 'max < 0.001'");

        Path bad = Files.writeString(dir.resolve("bad.toml"), "[thresholds]\nmcp_req_duration = \"p(99) < fast\"\n");
        Ended config = mcpload("run", "--config", bad.toString(), "--no-report");
        assertThat(config.code()).isEqualTo(2);
        assertThat(config.out()).contains(bad + ":2: [thresholds] mcp_req_duration:").doesNotContain("Exception");

        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Ended unreachable = mcpload("run", "http://127.0.0.1:" + port + "/mcp", quick, "--no-report");
        assertThat(unreachable.code()).as(unreachable.out()).isEqualTo(69);
        assertThat(unreachable.out()).contains("cannot open an MCP session with http://127.0.0.1:" + port + "/mcp");

        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        Ended unwritable = mcpload("run", quick, "--report-dir", aFile.resolve("reports").toString());
        assertThat(unwritable.code()).isEqualTo(74);
        assertThat(unwritable.out()).contains("cannot write the JSON report");
    }
}
