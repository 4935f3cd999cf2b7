package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.McpSession;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transport defects found against misbehaving servers (issue 17); each test failed before its fix. */
@Timeout(60)
class TransportDefectsTest {
    @RegisterExtension
    final SessionFixture fixture = new SessionFixture();
    private ScriptedServer server;
    private McpSession session;

    private McpSession initializedSession(String url) {
        session = fixture.initialized(url);
        return session;
    }

    /** 22,455 "successes" before: a result that is not an object is the server breaking the protocol. */
    @Test
    void aResultOfTheWrongShapeIsProtocolNotSuccess() {
        server = fixture.own(new ScriptedServer())
                .on("tools/call", (request, exchange) -> ScriptedServer.json(exchange, 200,
                        ScriptedServer.response(request.id(), request.json().path("params").path("name")
                                .asString().equals("five") ? "5" : "{\"text\":\"no content\"}")))
                .on("resources/read", (request, exchange) -> ScriptedServer.json(exchange, 200,
                        ScriptedServer.response(request.id(), "{\"content\":[]}")))
                .on("prompts/get", (request, exchange) -> ScriptedServer.json(exchange, 200,
                        ScriptedServer.response(request.id(), "{\"messages\":[]}")));
        initializedSession(server.url());

        for (var call : new CompletableFutureSource[] {
                () -> session.request(McpRequests.toolsCall("five", args())),
                () -> session.request(McpRequests.toolsCall("other", args())),
                () -> session.request(McpRequests.resourcesRead("file:///x"))}) {
            McpException e = failure(call.get());
            assertThat(e.errorClass()).as(e.getMessage()).isEqualTo(ErrorClass.PROTOCOL);
            assertThat(e.getMessage()).contains("wrong shape");
        }
        // the right shape stays a success, and so does structuredContent without content
        assertThat(await(session.request(McpRequests.promptsGet("greet", args()))).resultShape()).isNotZero();
    }

    @Test
    void structuredContentAloneIsAValidToolResult() {
        server = fixture.own(new ScriptedServer());
        server.on("tools/call", (request, exchange) -> ScriptedServer.json(exchange, 200,
                ScriptedServer.response(request.id(), "{\"structuredContent\":{\"sum\":3}}")));
        initializedSession(server.url());
        assertThat(await(session.request(McpRequests.toolsCall("add", args()))).isToolError()).isFalse();
    }

    /** 4,229 open descriptors after 6 s before: a reply whose SSE event is not JSON left its connection open. */
    @Test
    void aMalformedSseReplyDoesNotLeakItsConnection() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            System.out.println("TransportDefectsTest: skipped, /proc/self/fd is not there to count descriptors");
            Assumptions.abort("no /proc/self/fd on this system");
        }
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) -> {
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.write("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + request.id() + ",\"res\n\n");
            }
        });
        initializedSession(server.url());
        for (int i = 0; i < 20; i++) { // warm up: threads, pools
            failure(session.request(McpRequests.toolsCall("echo", args("message", "x"))));
        }
        long before = count(fds);
        for (int i = 0; i < 300; i++) {
            McpException e = failure(session.request(McpRequests.toolsCall("echo", args("message", "x"))));
            assertThat(e.errorClass()).isEqualTo(ErrorClass.PROTOCOL);
        }
        long after = count(fds);
        assertThat(after - before).as("descriptors: %d before, %d after 300 malformed replies", before, after)
                .isLessThan(30);
    }

    /** An interim response was taken as the answer ("answered HTTP 100 Continue"), so every request failed. */
    @Test
    void interimResponsesAreSkippedAsAnyHttpClientDoes() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serveWithInterim(raw), "raw-interim");
            acceptor.setDaemon(true);
            acceptor.start();
            initializedSession("http://127.0.0.1:" + raw.getLocalPort() + "/mcp");
            for (int i = 0; i < 5; i++) {
                var answer = await(session.request(McpRequests.toolsCall("echo", args("message", "x"))));
                assertThat(answer.isToolError()).isFalse();
            }
        }
    }

    /**
     * Answers every request on every connection with a 100 Continue (and a 103 Early Hints) before the real
     * response: initialize with a session, notifications with 202, everything else with a text result.
     */
    private static void serveWithInterim(ServerSocket raw) {
        while (!raw.isClosed()) {
            Socket socket;
            try {
                socket = raw.accept();
            } catch (IOException closed) {
                return;
            }
            Thread t = new Thread(() -> {
                try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                     OutputStream out = socket.getOutputStream()) {
                    String body;
                    while ((body = readRequest(in)) != null) {
                        String reply;
                        if (body.contains("\"method\":\"initialize\"")) {
                            reply = ok("{\"jsonrpc\":\"2.0\",\"id\":" + id(body) + ",\"result\":{\"protocolVersion\":"
                                    + "\"2025-06-18\",\"capabilities\":{},\"serverInfo\":{\"name\":\"interim\","
                                    + "\"version\":\"1\"}}}", "Mcp-Session-Id: s1\r\n");
                        } else if (!body.contains("\"id\":")) {
                            reply = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
                        } else {
                            reply = ok(ScriptedServer.textResult(id(body), "fine"), "");
                        }
                        out.write(("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                                + reply).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // the client closed the connection
                }
            }, "raw-interim-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private static String ok(String json, String extraHeaders) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + extraHeaders + "Content-Length: " + b.length
                + "\r\n\r\n" + json;
    }

    private static long id(String body) {
        int at = body.indexOf("\"id\":") + 5;
        int end = at;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(at, end));
    }

    /** One request's body (null at the end of the connection); only Content-Length bodies, as mcpload sends. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (c == -1) {
            return null;
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new String(body, StandardCharsets.UTF_8);
    }

    private static long count(Path fds) throws IOException {
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        }
    }

    private interface CompletableFutureSource {
        java.util.concurrent.CompletableFuture<?> get();
    }
}
