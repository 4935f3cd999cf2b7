package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.protocol.RequestEncoder;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** What the Streamable HTTP client puts on the wire, seen by a scripted server: headers, versions, cursors. */
@Timeout(60)
class ScriptedRequestsTest {
    private ScriptedServer server;
    private McpClient client;
    private McpSession session;

    @BeforeEach
    void start() {
        server = new ScriptedServer();
        client = new McpClient(ClientOptions.http(server.url()).withTransport(TransportKind.STREAMABLE_HTTP)
                .withIoThreads(1));
        session = client.newSession(new RecordingListener());
    }

    @AfterEach
    void stop() {
        await(session.close());
        client.close();
        server.close();
    }

    @Test
    void sessionAndVersionHeadersFollowInitializeAndCloseDeletesTheSession() throws Exception {
        await(session.initialize());
        await(session.request(McpRequests.ping()));
        await(session.close());

        ScriptedServer.Request init = server.next("initialize");
        assertThat(init.header("Mcp-Session-Id")).isNull();
        assertThat(init.header("MCP-Protocol-Version")).isNull();
        assertThat(init.header("Content-Type")).startsWith("application/json");
        assertThat(init.header("Accept")).contains("application/json").contains("text/event-stream");
        assertThat(init.json().path("params").path("protocolVersion").asString(null))
                .isEqualTo(ProtocolVersions.LATEST);
        assertThat(init.json().path("params").path("clientInfo").path("name").asString(""))
                .isEqualTo("mcpload");
        for (String method : List.of(McpMethods.INITIALIZED, McpMethods.PING)) {
            ScriptedServer.Request r = server.next(method);
            assertThat(r.header("Mcp-Session-Id")).as(method).isEqualTo(ScriptedServer.SESSION);
            assertThat(r.header("MCP-Protocol-Version")).as(method).isEqualTo(ProtocolVersions.LATEST);
            assertThat(r.header("Accept")).as(method).contains("application/json").contains("text/event-stream");
        }
        ScriptedServer.Request delete = server.next("DELETE");
        assertThat(delete.header("Mcp-Session-Id")).isEqualTo(ScriptedServer.SESSION);
    }

    @Test
    void userHeadersGoOnEveryRequestAndReplaceAStandardOneOfTheSameName() throws Exception {
        try (McpClient withHeaders = new McpClient(ClientOptions.http(server.url())
                .withTransport(TransportKind.STREAMABLE_HTTP).withIoThreads(1)
                .withHeaders(java.util.Map.of("Authorization", "Bearer t0ken", "user-agent", "my-agent/2",
                        "X-Trace", "1", "x-trace", "1")))) {
            McpSession s = withHeaders.newSession(new RecordingListener());
            await(s.initialize());
            await(s.request(McpRequests.ping()));
            await(s.close());
        }
        for (String method : List.of("initialize", McpMethods.INITIALIZED, McpMethods.PING, "DELETE")) {
            ScriptedServer.Request r = server.next(method);
            assertThat(r.header("Authorization")).as(method).isEqualTo("Bearer t0ken");
            assertThat(r.headerValues("User-Agent")).as(method).containsExactly("my-agent/2");
            assertThat(r.headerValues("Host")).as(method).hasSize(1);
            assertThat(r.headerValues("X-Trace")).as("names differing in case are one header").hasSize(1);
        }
    }

    @Test
    void anOlderVersionTheServerChoosesIsAcceptedAndSentFromThenOn() throws Exception {
        server.on("initialize", (request, exchange) -> ScriptedServer.json(exchange, 200, ScriptedServer.response(
                request.id(), "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},"
                        + "\"serverInfo\":{\"name\":\"old\",\"version\":\"0\"}}")));

        InitializeResult init = await(session.initialize());
        await(session.request(McpRequests.ping()));

        assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.V2025_03_26);
        assertThat(session.protocolVersion()).isEqualTo(ProtocolVersions.V2025_03_26);
        assertThat(session.sessionId()).as("a server without Mcp-Session-Id is stateless").isNull();
        ScriptedServer.Request ping = server.next(McpMethods.PING);
        assertThat(ping.header("MCP-Protocol-Version")).isEqualTo(ProtocolVersions.V2025_03_26);
        assertThat(ping.header("Mcp-Session-Id")).isNull();
    }

    @Test
    void aVersionTheClientDoesNotSpeakFailsInitializeAsProtocol() {
        server.on("initialize", (request, exchange) -> ScriptedServer.json(exchange, 200, ScriptedServer.response(
                request.id(), "{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{},"
                        + "\"serverInfo\":{\"name\":\"odd\",\"version\":\"0\"}}")));

        McpException e = failure(session.initialize());

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("1999-01-01");
    }

    @Test
    void listingFollowsNextCursorAcrossPages() {
        server.on("tools/list", (request, exchange) -> {
            String cursor = request.json().path("params").path("cursor").asString(null);
            String page;
            if (cursor == null) {
                page = "{\"tools\":[{\"name\":\"a\",\"inputSchema\":{\"type\":\"object\"}}],\"nextCursor\":\"p2\"}";
            } else if (cursor.equals("p2")) {
                page = "{\"tools\":[{\"name\":\"b\",\"inputSchema\":{\"type\":\"object\"}}],\"nextCursor\":\"p3\"}";
            } else {
                page = "{\"tools\":[{\"name\":\"c\",\"inputSchema\":{\"type\":\"object\"}}]}";
            }
            ScriptedServer.json(exchange, 200, ScriptedServer.response(request.id(), page));
        });
        await(session.initialize());

        int[] pages = new int[1];
        List<JsonNode> tools = Interop.listAll(session, McpMethods.TOOLS_LIST, "tools", pages);

        assertThat(Interop.names(tools, "name")).containsExactly("a", "b", "c");
        assertThat(pages[0]).isEqualTo(3);
        List<String> cursors = new ArrayList<>();
        for (ScriptedServer.Request r : server.all) {
            if ("tools/list".equals(r.method())) {
                cursors.add(r.json().path("params").path("cursor").asString(null));
            }
        }
        assertThat(cursors).containsExactly(null, "p2", "p3");
    }

    @Test
    void aRequestWithAProgressTokenCarriesItInMeta() throws Exception {
        server.on("tools/call", (request, exchange) ->
                ScriptedServer.json(exchange, 200, ScriptedServer.textResult(request.id(), "ok")));
        await(session.initialize());

        await(session.request(McpRequests.toolsCall("echo", args("message", "m"), "tok-7")));

        JsonNode params = server.next("tools/call").json().path("params");
        assertThat(params.path("_meta").path("progressToken").asString(null)).isEqualTo("tok-7");
        assertThat(params.path("arguments").path("message").asString(null)).isEqualTo("m");
    }

    /** An encoder that adds headers, as the 2026-07-28 era's will (Mcp-Method, Mcp-Name), around a constant one. */
    private static RequestEncoder withHeaders(RequestEncoder inner, List<RequestEncoder.Header> headers) {
        return new RequestEncoder() {
            @Override
            public String method() {
                return inner.method();
            }

            @Override
            public List<RequestEncoder.Header> headers() {
                return headers;
            }

            @Override
            public void writeTo(io.netty.buffer.ByteBuf buf, long id) {
                inner.writeTo(buf, id);
            }

            @Override
            public int encodedLengthUpperBound() {
                return inner.encodedLengthUpperBound();
            }

            @Override
            public byte[] toBytes(long id) {
                return inner.toBytes(id);
            }
        };
    }

    @Test
    void anEncodersHeadersGoWithItsOwnRequestOnly() throws Exception {
        server.on("tools/call", (request, exchange) ->
                ScriptedServer.json(exchange, 200, ScriptedServer.textResult(request.id(), "ok")));
        await(session.initialize());
        List<RequestEncoder.Header> many = new ArrayList<>(List.of(
                new RequestEncoder.Header("Mcp-Method", "tools/call"), new RequestEncoder.Header("Mcp-Name", "echo")));
        for (int i = 0; i < 30; i++) { // more than the endpoint's usual room for headers
            many.add(new RequestEncoder.Header("X-Extra-" + i, "v" + i));
        }

        await(session.request(withHeaders(McpRequests.toolsCall("echo", args("message", "m")),
                List.of(many.get(0), many.get(1)))));
        await(session.request(withHeaders(McpRequests.toolsCall("echo", args("message", "n")), many)));
        await(session.request(McpRequests.toolsCall("echo", args("message", "o"))));

        ScriptedServer.Request two = server.next("tools/call");
        assertThat(two.header("Mcp-Method")).isEqualTo("tools/call");
        assertThat(two.header("Mcp-Name")).isEqualTo("echo");
        assertThat(two.header("Mcp-Session-Id")).isEqualTo(ScriptedServer.SESSION);
        assertThat(two.json().path("params").path("arguments").path("message").asString(null)).isEqualTo("m");
        ScriptedServer.Request all = server.next("tools/call");
        assertThat(all.header("Mcp-Name")).isEqualTo("echo");
        for (int i = 0; i < 30; i++) {
            assertThat(all.header("X-Extra-" + i)).isEqualTo("v" + i);
        }
        assertThat(all.header("Mcp-Session-Id")).isEqualTo(ScriptedServer.SESSION);
        ScriptedServer.Request plain = server.next("tools/call");
        assertThat(plain.header("Mcp-Method")).isNull();
        assertThat(plain.header("X-Extra-0")).isNull();
        assertThat(plain.json().path("params").path("arguments").path("message").asString(null)).isEqualTo("o");
    }
}
