package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a request can fail, against real sockets on 127.0.0.1, lands in exactly one error class with a
 * message that says what the server did.
 */
@Timeout(60)
class FailureClassificationTest {
    @RegisterExtension
    final SessionFixture fixture = new SessionFixture();
    private ScriptedServer server;
    private McpSession session;

    /** A session (not yet initialized) of a client with these options. */
    private McpSession newSession(ClientOptions options) {
        session = fixture.session(options);
        return session;
    }

    /** A session on the scripted server, initialized. */
    private McpSession initializedSession() {
        session = fixture.initialized(server.url());
        assertThat(session.sessionId()).isEqualTo(ScriptedServer.SESSION);
        return session;
    }

    private McpException failedEcho() {
        return failure(initializedSession().request(McpRequests.toolsCall("echo", args("message", "x"))));
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"STREAMABLE_HTTP", "SSE", "AUTO"})
    void aRefusedConnectionIsConnection(TransportKind kind) {
        int closedPort = Peers.freePort(); // free a moment ago: nothing listens there now
        newSession(ClientOptions.http("http://127.0.0.1:" + closedPort + "/mcp").withTransport(kind));

        McpException e = failure(session.initialize());

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.CONNECTION);
        assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void http500IsHttpWithStatusAndBodySnippet() {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) ->
                ScriptedServer.send(exchange, 500, "text/plain", "database on fire\nstack trace follows"));

        McpException e = failedEcho();

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.HTTP);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("500").contains("database on fire").contains(server.url());
    }

    @Test
    void http500OnInitializeIsHttpEvenForAuto() {
        server = fixture.own(new ScriptedServer()).on("initialize", (request, exchange) ->
                ScriptedServer.send(exchange, 500, "text/plain", "not today"));
        newSession(ClientOptions.http(server.url())); // AUTO

        McpException e = failure(session.initialize());

        // 500 is not one of the statuses (400, 404, 405) that make AUTO try the legacy transport
        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.HTTP);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("not today");
    }

    @Test
    void malformedJsonIsProtocol() {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) ->
                ScriptedServer.json(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + request.id() + ",\"result\":{"));

        McpException e = failedEcho();

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("JSON");
    }

    @Test
    void malformedJsonInAnSseEventIsProtocol() {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) -> {
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.write("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + request.id() + ",\"result\n\n");
            }
        });

        McpException e = failedEcho();

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.PROTOCOL);
    }

    @Test
    void aResponseWithAnotherIdIsProtocol() {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) ->
                ScriptedServer.json(exchange, 200, ScriptedServer.textResult(request.id() + 1000, "not yours")));

        McpException e = failedEcho();

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("instead of a response to id");
    }

    @Test
    void htmlIsProtocol() {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) ->
                ScriptedServer.send(exchange, 200, "text/html; charset=utf-8", "<html><body>Login</body></html>"));

        McpException e = failedEcho();

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("text/html").contains("Login");
    }

    @Test
    void aServerThatNeverAnswersIsTimeoutWithinTheRequestTimeout() throws Exception {
        server = fixture.own(new ScriptedServer()).on("tools/call", (request, exchange) -> server.closing.await());
        McpSession s = initializedSession();

        long start = System.nanoTime();
        McpException e = failure(s.request(McpRequests.toolsCall("echo", args("message", "x")), 300));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.TIMEOUT);
        assertThat(e.getMessage()).contains("300 ms");
        assertThat(elapsedMs).isBetween(290L, 3_000L);
        // The client tells the server it gave up on that request.
        ScriptedServer.Request call = server.next("tools/call");
        ScriptedServer.Request cancelled = server.next("notifications/cancelled");
        assertThat(cancelled.json().path("params").path("requestId").asLong()).isEqualTo(call.id());
        // and the session is still usable for the next request
        server.on("tools/call", (request, exchange) ->
                ScriptedServer.json(exchange, 200, ScriptedServer.textResult(request.id(), "late but fine")));
        assertThat(Interop.firstText(await(s.request(McpRequests.toolsCall("echo", args("message", "y"))))))
                .isEqualTo("late but fine");
    }

    @Test
    void aJsonRpcErrorIsJsonRpcWithItsCode() {
        server = fixture.own(new ScriptedServer());
        server.on("tools/call", (request, exchange) -> ScriptedServer.json(exchange, 200,
                "{\"jsonrpc\":\"2.0\",\"id\":" + request.id()
                        + ",\"error\":{\"code\":-32042,\"message\":\"quota exceeded\"}}"));

        McpException e = failedEcho();

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.JSONRPC);
        assertThat(e.jsonRpcCode()).isEqualTo(-32042);
        assertThat(e.getMessage()).contains("-32042").contains("quota exceeded");
    }

    @Test
    void aToolResultWithIsErrorIsANormalResponseFlaggedAsToolError() {
        server = fixture.own(new ScriptedServer());
        server.on("tools/call", (request, exchange) -> ScriptedServer.json(exchange, 200,
                ScriptedServer.response(request.id(),
                        "{\"content\":[{\"type\":\"text\",\"text\":\"no such city\"}],\"isError\":true}")));

        var response = await(initializedSession().request(McpRequests.toolsCall("echo", args("message", "x"))));

        assertThat(response.isToolError()).isTrue();
        assertThat(Interop.firstText(response)).isEqualTo("no such city");
    }

    @Test
    void aConnectionClosedBeforeAnyAnswerIsConnection() throws Exception {
        // A raw socket server: reads the request, then closes without a byte of response.
        try (ServerSocket raw = rawServer("raw-closer", "")) {
            newSession(rawServerOptions(raw));

            McpException e = failure(session.initialize());

            assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.CONNECTION);
            assertThat(e.getMessage()).contains("closed");
        }
    }

    @Test
    void aConnectionClosedInTheMiddleOfTheBodyIsConnection() throws Exception {
        // Promises 500 bytes of body, sends a few, then closes.
        try (ServerSocket raw = rawServer("raw-truncator",
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                        + "{\"jsonrpc\":\"2.0\",\"id\":1,\"res")) {
            newSession(rawServerOptions(raw));

            McpException e = failure(session.initialize());

            assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.CONNECTION);
        }
    }

    /**
     * A raw socket server on 127.0.0.1 for one connection: reads the request, writes {@code reply} (nothing when
     * empty) and closes the connection.
     */
    private static ServerSocket rawServer(String threadName, String reply) throws Exception {
        ServerSocket raw = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try (Socket socket = raw.accept()) {
                socket.getInputStream().read(new byte[8192]);
                if (!reply.isEmpty()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (Exception ignored) {
                // closed by the test
            }
        }, threadName);
        acceptor.setDaemon(true);
        acceptor.start();
        return raw;
    }

    private static ClientOptions rawServerOptions(ServerSocket raw) {
        return ClientOptions.http("http://127.0.0.1:" + raw.getLocalPort() + "/mcp")
                .withTransport(TransportKind.STREAMABLE_HTTP);
    }
}
