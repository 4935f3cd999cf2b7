package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ProtocolVersions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** The stdio transport, in-process on piped streams and as a real subprocess. */
@Timeout(30)
class StdioServerTest {
    private PipedOutputStream toServer;
    private final BlockingQueue<String> fromServer = new LinkedBlockingQueue<>();
    private Thread serverThread;

    @BeforeEach
    void start() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(64 * 1024);
        toServer = new PipedOutputStream(serverIn);
        OutputStream serverOut = new LineCollector(fromServer);
        serverThread = new Thread(() -> {
            try {
                StdioServer.run(serverIn, serverOut, ReferenceServerOptions.builder().pageSize(2).build());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "stdio-server-under-test");
        serverThread.start();
    }

    @AfterEach
    void stop() throws Exception {
        toServer.close();
        serverThread.join(10_000);
        assertThat(serverThread.isAlive()).as("StdioServer.run returns at end of input").isFalse();
    }

    @Test
    void sessionLifecycleAndTools() throws Exception {
        send(TestHttp.initializeBody(ProtocolVersions.V2025_06_18));
        assertThat(receive().at("/result/protocolVersion").stringValue()).isEqualTo(ProtocolVersions.V2025_06_18);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        send(TestHttp.request(1, "tools/list", "{}"));
        JsonNode page = receive();
        assertThat(page.get("id").intValue()).isEqualTo(1); // notifications get no answer: this is the next line
        assertThat(page.at("/result/tools").size()).isEqualTo(2);
        assertThat(page.at("/result/nextCursor").isString()).isTrue();

        send(TestHttp.request(2, "tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":40,\"b\":2}}"));
        assertThat(receive().at("/result/structuredContent/result").intValue()).isEqualTo(42);
        send(TestHttp.request("\"s-3\"", "prompts/get", "{\"name\":\"greeting\",\"arguments\":{\"name\":\"Bo\"}}"));
        JsonNode prompt = receive();
        assertThat(prompt.get("id").stringValue()).isEqualTo("s-3");
        assertThat(prompt.at("/result/messages/0/content/text").stringValue()).isEqualTo("Hello, Bo!");
    }

    @Test
    void malformedLinesGetParseErrors() throws Exception {
        send("{not json");
        JsonNode error = receive();
        assertThat(error.at("/error/code").intValue()).isEqualTo(-32700);
        assertThat(error.get("id").isNull()).isTrue();
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bogus\"}");
        assertThat(receive().at("/error/code").intValue()).isEqualTo(-32601);
    }

    @Test
    void sleepDoesNotHoldUpLaterRequestsAndReportsProgress() throws Exception {
        send(TestHttp.initializeBody(ProtocolVersions.LATEST));
        receive();
        send(TestHttp.request(1, "tools/call",
                "{\"name\":\"sleep\",\"arguments\":{\"ms\":300},\"_meta\":{\"progressToken\":\"p\"}}"));
        send(TestHttp.request(2, "ping", "{}"));
        List<JsonNode> messages = List.of(receive(), receive(), receive(), receive(), receive());
        // The first progress notification is sent at once; the ping's answer comes before the sleep ends.
        assertThat(messages.get(0).get("method").stringValue()).isEqualTo("notifications/progress");
        assertThat(messages.get(1).get("id").intValue()).isEqualTo(2);
        assertThat(messages.get(2).at("/params/progress").intValue()).isEqualTo(1);
        assertThat(messages.get(3).at("/params/progress").intValue()).isEqualTo(2);
        assertThat(messages.get(4).get("id").intValue()).isEqualTo(1);
    }

    @Test
    void runsAsASubprocess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StdioServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            process.getOutputStream().write((TestHttp.initializeBody(ProtocolVersions.LATEST) + "\n"
                    + TestHttp.request(1, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"sub\"}}")
                    + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close(); // end of input: the server answers what it has, then exits
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(TestHttp.parse(out.readLine()).at("/result/serverInfo/name").stringValue())
                    .isEqualTo("mcpload-reference");
            assertThat(TestHttp.parse(out.readLine()).at("/result/content/0/text").stringValue())
                    .isEqualTo("Echo: sub");
            assertThat(out.readLine()).isNull();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    private void send(String line) throws IOException {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    private JsonNode receive() throws InterruptedException {
        String line = fromServer.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("a line from the server within 10 s").isNotNull();
        return TestHttp.parse(line);
    }

    /** Collects what the server writes, one string per line. */
    private static final class LineCollector extends OutputStream {
        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineCollector(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
