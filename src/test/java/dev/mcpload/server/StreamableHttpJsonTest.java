package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.protocol.ProtocolVersions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Streamable HTTP in JSON response mode: sessions, lifecycle, every method and tool, the HTTP error cases. */
@Timeout(30)
class StreamableHttpJsonTest {
    private static ReferenceServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        // pageSize 2 forces several pages of tools.
        server = ReferenceServer.start(ReferenceServerOptions.builder().pageSize(2).ioThreads(1).build());
        http = new TestHttp(server.mcpUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void initializeCreatesSessionAndNegotiatesLatest() {
        HttpResponse<String> response = http.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        String sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(sessionId).isNotBlank().matches("[\\x21-\\x7E]+");
        JsonNode result = TestHttp.parse(response.body()).get("result");
        assertThat(result.get("protocolVersion").stringValue()).isEqualTo(ProtocolVersions.LATEST);
        assertThat(result.at("/serverInfo/name").stringValue()).isEqualTo("mcpload-reference");
        assertThat(result.at("/serverInfo/version").isString()).isTrue();
        JsonNode capabilities = result.get("capabilities");
        assertThat(capabilities.at("/tools/listChanged").booleanValue()).isFalse();
        assertThat(capabilities.has("resources")).isTrue();
        assertThat(capabilities.has("prompts")).isTrue();
        assertThat(capabilities.has("logging")).isTrue();
    }

    @Test
    void initializeKeepsAnOlderSupportedVersion() {
        HttpResponse<String> response = http.post(null, TestHttp.initializeBody(ProtocolVersions.V2024_11_05));
        assertThat(TestHttp.parse(response.body()).at("/result/protocolVersion").stringValue())
                .isEqualTo(ProtocolVersions.V2024_11_05);
    }

    @Test
    void initializeAnswersUnknownVersionWithLatest() {
        HttpResponse<String> response = http.post(null, TestHttp.initializeBody("1999-01-01"));
        assertThat(TestHttp.parse(response.body()).at("/result/protocolVersion").stringValue())
                .isEqualTo(ProtocolVersions.LATEST);
    }

    @Test
    void failedInitializeLeavesNoSession() {
        int before = server.activeSessions();
        HttpResponse<String> response = http.post(null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        assertThat(TestHttp.parse(response.body()).at("/error/code").intValue()).isEqualTo(-32602);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat(server.activeSessions()).isEqualTo(before);
    }

    @Test
    void initializedNotificationIsAcceptedWithoutBody() {
        String sessionId = http.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST)).headers()
                .firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> response =
                http.post(sessionId, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        // A client's response (to a request this server never sends) is accepted the same way.
        assertThat(http.post(sessionId, "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}").statusCode()).isEqualTo(202);
    }

    @Test
    void toolsListPaginatesThroughEveryTool() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String params = cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}";
            JsonNode result = http.call(sessionId, 1, "tools/list", params).get("result");
            assertThat(result.get("tools").size()).isBetween(1, 2);
            for (JsonNode tool : result.get("tools")) {
                names.add(tool.get("name").stringValue());
                assertThat(tool.get("description").stringValue()).isNotBlank();
                assertThat(tool.at("/inputSchema/type").stringValue()).isEqualTo("object");
                assertThat(tool.at("/inputSchema/properties").isObject()).isTrue();
                assertThat(tool.at("/inputSchema/required").isArray()).isTrue();
            }
            cursor = result.has("nextCursor") ? result.get("nextCursor").stringValue() : null;
            pages++;
        } while (cursor != null);

        assertThat(names).containsExactly("add", "subtract", "multiply", "divide", "echo", "sleep", "fail");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void invalidCursorIsInvalidParams() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        assertThat(http.call(sessionId, 1, "tools/list", "{\"cursor\":\"not-ours\"}").at("/error/code").intValue())
                .isEqualTo(-32602);
    }

    @Test
    void arithmeticToolsReturnStructuredResults() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        assertNumber(http.callTool(sessionId, "add", "{\"a\":2,\"b\":3}"), "5");
        assertNumber(http.callTool(sessionId, "add", "{\"a\":0.5,\"b\":0.25}"), "0.75");
        assertNumber(http.callTool(sessionId, "subtract", "{\"a\":2,\"b\":5}"), "-3");
        assertNumber(http.callTool(sessionId, "multiply", "{\"a\":4,\"b\":2.5}"), "10.0");
        assertNumber(http.callTool(sessionId, "divide", "{\"dividend\":8,\"divisor\":2}"), "4");
        assertNumber(http.callTool(sessionId, "divide", "{\"dividend\":7,\"divisor\":2}"), "3.5");
    }

    private static void assertNumber(JsonNode response, String expected) {
        JsonNode result = response.get("result");
        assertThat(result.at("/structuredContent/result").toString()).isEqualTo(expected);
        assertThat(result.at("/content/0/type").stringValue()).isEqualTo("text");
        assertThat(result.at("/content/0/text").stringValue()).isEqualTo("{\"result\":" + expected + "}");
        assertThat(result.has("isError")).isFalse();
    }

    @Test
    void divideByZeroIsAToolError() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        JsonNode result = http.callTool(sessionId, "divide", "{\"dividend\":1,\"divisor\":0}").get("result");
        assertThat(result.get("isError").booleanValue()).isTrue();
        assertThat(result.at("/content/0/text").stringValue()).containsIgnoringCase("zero");
    }

    @Test
    void echoSleepAndFail() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        assertThat(http.callTool(sessionId, "echo", "{\"message\":\"héllo\"}").at("/result/content/0/text")
                .stringValue()).isEqualTo("Echo: héllo");

        long start = System.nanoTime();
        JsonNode slept = http.callTool(sessionId, "sleep", "{\"ms\":150}");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(140);
        assertThat(slept.at("/result/content/0/text").stringValue()).isEqualTo("Slept 150 ms");

        JsonNode failed = http.callTool(sessionId, "fail", "{\"message\":\"boom\"}").get("result");
        assertThat(failed.get("isError").booleanValue()).isTrue();
        assertThat(failed.at("/content/0/text").stringValue()).isEqualTo("boom");
        assertThat(http.callTool(sessionId, "fail", "{}").at("/result/isError").booleanValue()).isTrue();
    }

    @Test
    void argumentsAreValidatedAgainstTheSchema() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        assertInvalidParams(http.callTool(sessionId, "add", "{\"a\":1}"), "missing required argument 'b'");
        assertInvalidParams(http.callTool(sessionId, "add", "{\"a\":1,\"b\":\"2\"}"), "'b' must be a number");
        assertInvalidParams(http.callTool(sessionId, "echo", "{\"message\":5}"), "'message' must be a string");
        assertInvalidParams(http.callTool(sessionId, "sleep", "{\"ms\":1.5}"), "'ms' must be an integer");
        assertInvalidParams(http.callTool(sessionId, "sleep", "{\"ms\":60001}"), "between 0 and 60000");
        assertInvalidParams(http.callTool(sessionId, "sleep", "{\"ms\":-1}"), "between 0 and 60000");
        assertInvalidParams(http.callTool(sessionId, "add", "[1,2]"), "arguments must be an object");
        assertInvalidParams(http.callTool(sessionId, "nope", "{}"), "Unknown tool: nope");
        assertInvalidParams(http.call(sessionId, 3, "tools/call", "{}"), "needs a string \"name\"");
    }

    private static void assertInvalidParams(JsonNode response, String message) {
        assertThat(response.at("/error/code").intValue()).as(response.toString()).isEqualTo(-32602);
        assertThat(response.at("/error/message").stringValue()).contains(message);
        assertThat(response.get("id").intValue()).isIn(3, 7);
    }

    @Test
    void resourcesPromptsLoggingAndPing() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        JsonNode resources = http.call(sessionId, 1, "resources/list", "{}").get("result");
        assertThat(resources.at("/resources/0/uri").stringValue()).isEqualTo("mcpload://reference/readme");
        assertThat(resources.at("/resources/0/mimeType").stringValue()).isEqualTo("text/plain");
        JsonNode read = http.call(sessionId, 2, "resources/read", "{\"uri\":\"mcpload://reference/readme\"}");
        assertThat(read.at("/result/contents/0/text").stringValue()).contains("reference server");
        assertThat(http.call(sessionId, 3, "resources/read", "{\"uri\":\"mcpload://nope\"}").at("/error/code")
                .intValue()).isEqualTo(-32002);
        assertThat(http.call(sessionId, 4, "resources/templates/list", "{}").at("/result/resourceTemplates")
                .size()).isZero();

        assertThat(http.call(sessionId, 5, "prompts/list", "{}").at("/result/prompts/0/name").stringValue())
                .isEqualTo("greeting");
        JsonNode prompt = http.call(sessionId, 6, "prompts/get", "{\"name\":\"greeting\",\"arguments\":{\"name\":\"Ada\"}}");
        assertThat(prompt.at("/result/messages/0/role").stringValue()).isEqualTo("user");
        assertThat(prompt.at("/result/messages/0/content/text").stringValue()).isEqualTo("Hello, Ada!");
        assertThat(http.call(sessionId, 7, "prompts/get", "{\"name\":\"greeting\"}").at("/error/code").intValue())
                .isEqualTo(-32602);

        assertThat(http.call(sessionId, 8, "logging/setLevel", "{\"level\":\"warning\"}").get("result").isObject())
                .isTrue();
        assertThat(http.call(sessionId, 9, "logging/setLevel", "{\"level\":\"loud\"}").at("/error/code").intValue())
                .isEqualTo(-32602);
        assertThat(http.call(sessionId, 10, "ping", "{}").get("result").size()).isZero();
        assertThat(http.call(sessionId, 11, "no/such/method", "{}").at("/error/code").intValue()).isEqualTo(-32601);
    }

    @Test
    void malformedAndInvalidMessages() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        HttpResponse<String> malformed = http.post(sessionId, "{\"jsonrpc\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestHttp.parse(malformed.body()).at("/error/code").intValue()).isEqualTo(-32700);
        assertThat(TestHttp.parse(malformed.body()).get("id").isNull()).isTrue();

        HttpResponse<String> noVersion = http.post(sessionId, "{\"id\":4,\"method\":\"ping\"}");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(TestHttp.parse(noVersion.body()).at("/error/code").intValue()).isEqualTo(-32600);
        assertThat(TestHttp.parse(noVersion.body()).get("id").intValue()).isEqualTo(4);

        HttpResponse<String> batch = http.post(sessionId, "[" + TestHttp.request(1, "ping", "{}") + "]");
        assertThat(TestHttp.parse(batch.body()).at("/error/code").intValue()).isEqualTo(-32600);
        assertThat(TestHttp.parse(http.post(sessionId, "42").body()).at("/error/code").intValue()).isEqualTo(-32600);
    }

    @Test
    void sessionHeaderRules() {
        HttpResponse<String> missing = http.post(null, TestHttp.request(1, "ping", "{}"));
        assertThat(missing.statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = http.post("no-such-session", TestHttp.request(2, "ping", "{}"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = TestHttp.parse(unknown.body());
        assertThat(error.at("/error/code").intValue()).isEqualTo(-32001);
        assertThat(error.get("id").intValue()).isEqualTo(2);
    }

    @Test
    void deleteEndsTheSession() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        HttpRequest delete = http.request().header("Mcp-Session-Id", sessionId).DELETE().build();
        assertThat(http.send(delete).statusCode()).isEqualTo(200);
        assertThat(http.post(sessionId, TestHttp.request(1, "ping", "{}")).statusCode()).isEqualTo(404);
        assertThat(http.send(delete).statusCode()).isEqualTo(404);
    }

    @Test
    void expireSessionForgetsItServerSide() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        int open = server.activeSessions();
        assertThat(server.expireSession(sessionId)).isTrue();
        assertThat(server.activeSessions()).isEqualTo(open - 1);
        assertThat(http.post(sessionId, TestHttp.request(1, "ping", "{}")).statusCode()).isEqualTo(404);
        assertThat(server.expireSession(sessionId)).isFalse();
    }

    @Test
    void httpLevelChecks() {
        // GET opens a session's standalone stream: without a session id there is none to open
        assertThat(http.send(http.request().header("Accept", "text/event-stream").GET().build()).statusCode())
                .isEqualTo(400);
        assertThat(http.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST), "Accept", "text/html")
                .statusCode()).isEqualTo(406);
        assertThat(http.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST), "Accept", "*/*")
                .statusCode()).isEqualTo(200);
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        assertThat(http.post(sessionId, TestHttp.request(1, "ping", "{}"), "Accept", TestHttp.BOTH,
                "MCP-Protocol-Version", "1999-01-01").statusCode()).isEqualTo(400);
        assertThat(http.post(sessionId, TestHttp.request(1, "ping", "{}"), "Accept", TestHttp.BOTH,
                "MCP-Protocol-Version", ProtocolVersions.LATEST).statusCode()).isEqualTo(200);
        assertThat(http.post(sessionId, TestHttp.request(1, "ping", "{}"), "Accept", TestHttp.BOTH,
                "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(http.post(sessionId, TestHttp.request(1, "ping", "{}"), "Accept", TestHttp.BOTH,
                "Origin", "http://localhost:3000").statusCode()).isEqualTo(200);
    }

    @Test
    void maxSessionsIsEnforced() {
        try (ReferenceServer limited = ReferenceServer.start(ReferenceServerOptions.builder().maxSessions(1)
                .ioThreads(1).build())) {
            TestHttp client = new TestHttp(limited.mcpUrl());
            String first = client.initialize(ProtocolVersions.LATEST);
            HttpResponse<String> refused = client.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(limited.activeSessions()).isEqualTo(1);
            assertThat(limited.expireSession(first)).isTrue();
            assertThat(client.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void sleepDisabledRemovesTheTool() {
        try (ReferenceServer noSleep = ReferenceServer.start(ReferenceServerOptions.builder().sleepEnabled(false)
                .ioThreads(1).build())) {
            TestHttp client = new TestHttp(noSleep.mcpUrl());
            String sessionId = client.initialize(ProtocolVersions.LATEST);
            assertThat(client.call(sessionId, 1, "tools/list", "{}").at("/result/tools").findValuesAsString("name"))
                    .doesNotContain("sleep").contains("echo");
            assertThat(client.callTool(sessionId, "sleep", "{\"ms\":1}").at("/error/code").intValue())
                    .isEqualTo(-32602);
        }
    }

    @Test
    void refusesNonLoopbackHost() {
        assertThatThrownBy(() -> ReferenceServer.start(ReferenceServerOptions.builder().host("192.0.2.1").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }
}
