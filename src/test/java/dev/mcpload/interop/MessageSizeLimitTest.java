package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded by design (issue 17): a response or SSE event past max_message_bytes fails its request as
 * protocol as soon as the limit is passed, without buffering the rest. Before, the cap was 64 MiB per request: 4 VUs
 * reading 200 MB bodies reached 0.5–1.2 GB, and 12 VUs in a 512 MB heap ran out of memory, counted as connection
 * errors of the server.
 */
@Timeout(90)
class MessageSizeLimitTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @RegisterExtension
    final SessionFixture fixture = new SessionFixture();
    private ScriptedServer server;
    private McpSession session;

    private void connect(int maxMessageBytes) {
        session = fixture.initialized(ClientOptions.http(server.url()).withTransport(TransportKind.STREAMABLE_HTTP)
                .withMaxMessageBytes(maxMessageBytes));
    }

    @Test
    void aBodyPastTheLimitFailsAsProtocolAndTheSessionGoesOn() {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) -> {
            boolean big = request.json().path("params").path("name").asString().equals("big");
            ScriptedServer.json(exchange, 200, big ? bigResult(request.id(), 3 * MIB)
                    : ScriptedServer.textResult(request.id(), "small"));
        });
        connect(MIB);
        McpException e = failure(session.request(McpRequests.toolsCall("big", args())));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("response larger than 1048576 bytes").contains("max_message_bytes");
        assertThat(await(session.request(McpRequests.toolsCall("small", args()))).isToolError()).isFalse();
    }

    @Test
    void aChunkedBodyPastTheLimitFailsWithoutReadingTheRest() {
        server = fixture.own(new ScriptedServer());
        server.on("tools/call", (request, exchange) -> endless(exchange, "application/json"));
        connect(MIB);
        long start = System.nanoTime();
        McpException e = failure(session.request(McpRequests.toolsCall("endless", args())));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("response larger than");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    }

    @Test
    void anSseEventPastTheLimitFailsAsProtocol() {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) -> {
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.write("event: message\ndata: " + bigResult(request.id(), 2 * MIB) + "\n\n");
            } catch (IOException closedByClient) {
                // expected: mcpload stops reading
            }
        });
        connect(MIB);
        McpException e = failure(session.request(McpRequests.toolsCall("echo", args())));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("response larger than");
    }

    /** 12 VUs, endless bodies, a 128 MB heap: the run ends normally and says why every request failed. */
    @Test
    void aCappedHeapHoldsTwelveVusReadingEndlessBodies() throws Exception {
        // without a config, a run against a URL lists tools: every answer is endless
        server = fixture.own(new ScriptedServer());
        server.on("tools/list", (request, exchange) -> endless(exchange, "application/json"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "dev.mcpload.cli.Main", "run", server.url(), "--transport", "streamable_http", "--vus", "12",
                "--duration", "4", "--no-report", "--progress", "plain", "--no-color")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(out);
            assertThat(text).doesNotContain("OutOfMemory").doesNotContain("heap space");
            assertThat(text).contains("[protocol]").contains("response larger than " + 4 * MIB + " bytes");
            assertThat(text).contains("mcp_req_total");
        } finally {
            p.destroyForcibly();
        }
    }

    private static String bigResult(long id, int size) {
        char[] filler = new char[size];
        Arrays.fill(filler, 'x');
        return ScriptedServer.textResult(id, new String(filler));
    }

    /** A 200 OK whose chunked body never ends (until the client closes the connection). */
    private static void endless(HttpExchange exchange, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[],\"pad\":\"".getBytes(
                    StandardCharsets.US_ASCII));
            while (System.nanoTime() < deadline) {
                body.write(chunk);
            }
        } catch (IOException closedByClient) {
            // expected: mcpload stops reading past its limit
        }
    }
}
