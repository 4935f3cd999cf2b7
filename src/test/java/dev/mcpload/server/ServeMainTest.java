package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ProtocolVersions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standalone entry point used by the benchmark script: prints the URL, serves, exits at end of stdin. */
@Timeout(30)
class ServeMainTest {
    @Test
    void printsUrlServesAndExitsWhenStdinCloses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServeMain.class.getName(), "--port", "0", "--mode", "sse", "--io-threads", "1")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String url = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/mcp");
            TestHttp http = new TestHttp(url);
            assertThat(http.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST)).headers()
                    .firstValue("Content-Type")).hasValue("text/event-stream");

            process.getOutputStream().close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** The benchmark's entry point takes --fault too (and refuses a bad one with exit 2, before serving). */
    @Test
    void servesFaultsAndRefusesABadOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process bad = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServeMain.class.getName(), "--port", "0", "--fault", "http999")
                .redirectErrorStream(true).start();
        try {
            String out = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bad.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(bad.exitValue()).isEqualTo(2);
            assertThat(out).contains("--fault 'http999': there is no fault mode 'http999'").doesNotContain("\tat ");
        } finally {
            bad.destroyForcibly();
        }

        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServeMain.class.getName(), "--port", "0", "--io-threads", "1", "--fault", "http503:empty",
                "--fault-seed", "3")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String url = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            TestHttp http = new TestHttp(url);
            String session = http.initialize(ProtocolVersions.LATEST);
            var answer = http.post(session, TestHttp.request(2, "tools/call",
                    "{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}"));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).isEmpty();
            process.getOutputStream().close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
