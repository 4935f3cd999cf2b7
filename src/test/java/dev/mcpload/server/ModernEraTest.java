package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ProtocolVersions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * MCP 2026-07-28 on the reference server, over real HTTP on loopback: the stateless requests, their header and
 * {@code _meta} validation with the spec's error codes and statuses, discover, caching hints, input_required, and
 * the eras: dual serving both on one port, legacy refusing modern, modern refusing initialize.
 */
@Timeout(30)
class ModernEraTest {
    static final String V = "2026-07-28";
    static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V + "\","
            + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"test\",\"version\":\"1\"},"
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    static final String META_ELICIT = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V + "\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";

    private static ReferenceServer dual;
    private static ReferenceServer modern;
    private static ReferenceServer legacy;
    private static ReferenceServer sse;

    @BeforeAll
    static void start() {
        dual = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).pageSize(3).cacheTtlMs(1234)
                .build());
        modern = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).era(ServerEra.MODERN).build());
        legacy = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).era(ServerEra.LEGACY).build());
        sse = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).era(ServerEra.MODERN)
                .responseMode(ResponseMode.SSE).build());
    }

    @AfterAll
    static void stop() {
        for (ReferenceServer s : new ReferenceServer[] {dual, modern, legacy, sse}) {
            if (s != null) {
                s.close();
            }
        }
    }

    /** A modern POST with the headers a conforming client sends; {@code extra} adds or overrides headers. */
    static HttpResponse<String> post(ReferenceServer server, String method, String name, String params,
                                     String... extra) {
        List<String> headers = new ArrayList<>(List.of("Accept", TestHttp.BOTH, "MCP-Protocol-Version", V,
                "Mcp-Method", method));
        if (name != null) {
            headers.add("Mcp-Name");
            headers.add(name);
        }
        for (int i = 0; i < extra.length; i += 2) {
            int at = headers.indexOf(extra[i]);
            if (at >= 0 && at % 2 == 0) {
                headers.remove(at);
                headers.remove(at);
            }
            if (extra[i + 1] != null) {
                headers.add(extra[i]);
                headers.add(extra[i + 1]);
            }
        }
        return new TestHttp(server.mcpUrl()).post(null, TestHttp.request(5, method, params),
                headers.toArray(String[]::new));
    }

    static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = TestHttp.parse(response.body());
        assertThat(body.has("error")).as(response.body()).isFalse();
        return body.get("result");
    }

    static JsonNode error(HttpResponse<String> response, int status, int code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = TestHttp.parse(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").asInt()).as(response.body()).isEqualTo(code);
        return error;
    }

    @Test
    void toolsCallWithoutInitializeIsCompleteAndCarriesServerInfo() {
        HttpResponse<String> response = post(dual, "tools/call", "add",
                "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}," + META + "}");
        JsonNode result = ok(response);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
        assertThat(result.get("resultType").stringValue()).isEqualTo("complete");
        assertThat(result.path("structuredContent").path("result").asInt()).isEqualTo(5);
        assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").path("name").stringValue())
                .isEqualTo("mcpload-reference");
    }

    @Test
    void resourcesReadAndPromptsGet() {
        JsonNode read = ok(post(dual, "resources/read", ReferenceResources.README_URI,
                "{\"uri\":\"" + ReferenceResources.README_URI + "\"," + META + "}"));
        assertThat(read.get("resultType").stringValue()).isEqualTo("complete");
        assertThat(read.path("contents").get(0).path("text").stringValue()).contains("mcpload reference server");
        assertThat(read.get("ttlMs").asLong()).isEqualTo(1234);
        assertThat(read.get("cacheScope").stringValue()).isEqualTo("public");
        JsonNode prompt = ok(post(dual, "prompts/get", "greeting",
                "{\"name\":\"greeting\",\"arguments\":{\"name\":\"Ada\"}," + META + "}"));
        assertThat(prompt.get("resultType").stringValue()).isEqualTo("complete");
        assertThat(prompt.path("messages").get(0).path("content").path("text").stringValue()).isEqualTo("Hello, Ada!");
        // 2026-07-28 retired -32002: an unknown resource is -32602.
        JsonNode unknown = TestHttp.parse(post(dual, "resources/read", "mcpload://nope",
                "{\"uri\":\"mcpload://nope\"," + META + "}").body());
        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void base64McpNameIsDecodedBeforeComparing() {
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString("echo".getBytes(StandardCharsets.UTF_8))
                + "?=";
        JsonNode result = ok(post(dual, "tools/call", encoded,
                "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}," + META + "}"));
        assertThat(result.path("content").get(0).path("text").stringValue()).isEqualTo("Echo: hi");
    }

    @Test
    void discoverNamesVersionsCapabilitiesServerAndCaching() {
        JsonNode result = ok(post(dual, "server/discover", null, "{" + META + "}"));
        assertThat(result.get("resultType").stringValue()).isEqualTo("complete");
        List<String> versions = new ArrayList<>();
        result.get("supportedVersions").forEach(v -> versions.add(v.stringValue()));
        assertThat(versions.get(0)).isEqualTo(V);
        assertThat(versions).containsAll(ProtocolVersions.SUPPORTED);
        assertThat(result.path("capabilities").has("tools")).isTrue();
        assertThat(result.path("capabilities").has("resources")).isTrue();
        assertThat(result.path("capabilities").has("prompts")).isTrue();
        assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").has("version")).isTrue();
        assertThat(result.get("ttlMs").asLong()).isEqualTo(1234);
        assertThat(result.get("cacheScope").stringValue()).isEqualTo("public");
        JsonNode modernOnly = ok(post(modern, "server/discover", null, "{" + META + "}"));
        assertThat(modernOnly.get("supportedVersions").size()).isEqualTo(1);
        assertThat(modernOnly.get("ttlMs").asLong()).isEqualTo(ReferenceServerOptions.DEFAULT_CACHE_TTL_MS);
    }

    @Test
    void listResultsCarryTtlOnEveryPageAndAskIsListed() {
        List<String> names = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10; page++) {
            String params = cursor == null ? "{" + META + "}" : "{\"cursor\":\"" + cursor + "\"," + META + "}";
            JsonNode result = ok(post(dual, "tools/list", null, params));
            assertThat(result.get("resultType").stringValue()).isEqualTo("complete");
            assertThat(result.get("ttlMs").asLong()).isEqualTo(1234);
            assertThat(result.get("cacheScope").stringValue()).isEqualTo("public");
            result.get("tools").forEach(t -> names.add(t.get("name").stringValue()));
            cursor = result.has("nextCursor") ? result.get("nextCursor").stringValue() : null;
            if (cursor == null) {
                break;
            }
        }
        assertThat(names).contains("add", "echo", "sleep", "fail", "ask");
        for (String method : List.of("resources/list", "prompts/list", "resources/templates/list")) {
            JsonNode result = ok(post(dual, method, null, "{" + META + "}"));
            assertThat(result.get("ttlMs").asLong()).as(method).isEqualTo(1234);
            assertThat(result.get("cacheScope").stringValue()).as(method).isEqualTo("public");
        }
    }

    @Test
    void headerMismatchesAre400With32020() {
        String call = "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1}," + META + "}";
        assertThat(error(post(dual, "tools/call", "add", call, "MCP-Protocol-Version", "2025-11-25"), 400, -32020)
                .get("message").stringValue()).contains("MCP-Protocol-Version");
        error(post(dual, "tools/call", "add", call, "MCP-Protocol-Version", null), 400, -32020);
        error(post(dual, "tools/call", "add", call, "Mcp-Method", "tools/list"), 400, -32020);
        error(post(dual, "tools/call", "add", call, "Mcp-Method", null), 400, -32020);
        assertThat(error(post(dual, "tools/call", "subtract", call), 400, -32020).get("message").stringValue())
                .contains("Mcp-Name header value 'subtract' does not match body value 'add'");
        error(post(dual, "tools/call", null, call), 400, -32020);
        error(post(dual, "resources/read", "mcpload://other",
                "{\"uri\":\"" + ReferenceResources.README_URI + "\"," + META + "}"), 400, -32020);
        error(post(dual, "prompts/get", "other", "{\"name\":\"greeting\",\"arguments\":{\"name\":\"A\"}," + META + "}"),
                400, -32020);
    }

    @Test
    void unsupportedVersionIs400With32022AndTheSupportedList() {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1900-01-01\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
        JsonNode error = error(post(dual, "tools/list", null, "{" + meta + "}", "MCP-Protocol-Version", "1900-01-01"),
                400, -32022);
        assertThat(error.path("data").path("supported").get(0).stringValue()).isEqualTo(V);
        assertThat(error.path("data").path("requested").stringValue()).isEqualTo("1900-01-01");
    }

    @Test
    void unknownMethodIs404With32601() {
        error(post(dual, "ping", null, "{" + META + "}"), 404, -32601);
        error(post(dual, "no/such", null, "{" + META + "}"), 404, -32601);
        // In SSE mode too: an error known before any event keeps its status, as JSON.
        HttpResponse<String> response = post(sse, "no/such", null, "{" + META + "}");
        error(response, 404, -32601);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void malformedMetaIs400With32602() {
        error(post(modern, "tools/list", null, "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + V
                + "\"}}"), 400, -32602);
        error(post(modern, "tools/list", null, "{}"), 400, -32602);
    }

    @Test
    void inputRequiredThenCompleteWithTheAnswer() {
        String first = "{\"name\":\"ask\",\"arguments\":{\"greeting\":\"Hi\"}," + META_ELICIT + "}";
        JsonNode pending = ok(post(dual, "tools/call", "ask", first));
        assertThat(pending.get("resultType").stringValue()).isEqualTo("input_required");
        JsonNode request = pending.path("inputRequests").path("name");
        assertThat(request.path("method").stringValue()).isEqualTo("elicitation/create");
        assertThat(request.path("params").path("mode").stringValue()).isEqualTo("form");
        assertThat(request.path("params").path("requestedSchema").path("required").get(0).stringValue())
                .isEqualTo("name");
        assertThat(pending.has("ttlMs")).isFalse();
        String state = pending.get("requestState").stringValue();
        String retry = "{\"name\":\"ask\",\"arguments\":{\"greeting\":\"Hi\"},\"inputResponses\":{\"name\":"
                + "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}},\"requestState\":\"" + state + "\","
                + META_ELICIT + "}";
        JsonNode done = ok(post(dual, "tools/call", "ask", retry));
        assertThat(done.get("resultType").stringValue()).isEqualTo("complete");
        assertThat(done.path("content").get(0).path("text").stringValue()).isEqualTo("Hi, Ada!");
        // A tampered state fails the request, nothing worse.
        error(post(dual, "tools/call", "ask", retry.replace(state, "forged")), 200, -32602);
    }

    @Test
    void missingClientCapabilityIs400With32021() {
        JsonNode error = error(post(dual, "tools/call", "ask", "{\"name\":\"ask\",\"arguments\":{}," + META + "}"),
                400, -32021);
        assertThat(error.path("data").path("requiredCapabilities").has("elicitation")).isTrue();
    }

    @Test
    void sseModeAnswersModernRequestsWithoutPrimingEvents() {
        HttpResponse<String> response = post(sse, "tools/call", "echo",
                "{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}," + META + "}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<TestHttp.Event> events = TestHttp.events(response.body());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).id()).isNull();
        JsonNode result = TestHttp.parse(events.get(0).data()).get("result");
        assertThat(result.get("resultType").stringValue()).isEqualTo("complete");
    }

    @Test
    void getAndDeleteAre405InTheModernEra() {
        TestHttp http = new TestHttp(modern.mcpUrl());
        HttpResponse<String> get = http.send(http.request().header("Accept", "text/event-stream").GET().build());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> delete = http.send(http.request().DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(405);
        // Dual: a GET that names the modern version is modern, so 405 too.
        TestHttp d = new TestHttp(dual.mcpUrl());
        assertThat(d.send(d.request().header("MCP-Protocol-Version", V).GET().build()).statusCode()).isEqualTo(405);
        // And no legacy HTTP+SSE transport on a modern-only server.
        TestHttp sseLegacy = new TestHttp(modern.sseUrl());
        assertThat(sseLegacy.send(sseLegacy.request().GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void dualServesBothErasOnOnePort() {
        TestHttp http = new TestHttp(dual.mcpUrl());
        String session = http.initialize(ProtocolVersions.LATEST);
        JsonNode legacyResult = http.callTool(session, "add", "{\"a\":1,\"b\":2}").get("result");
        assertThat(legacyResult.has("resultType")).isFalse();
        assertThat(legacyResult.path("structuredContent").path("result").asInt()).isEqualTo(3);
        // The legacy tools/list is as before: no ask, no caching hints.
        JsonNode legacyList = http.call(session, 2, "tools/list", "{}").get("result");
        assertThat(legacyList.has("ttlMs")).isFalse();
        JsonNode modernResult = ok(post(dual, "tools/call", "add",
                "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}," + META + "}"));
        assertThat(modernResult.get("resultType").stringValue()).isEqualTo("complete");
        // The legacy session still works after modern traffic, and ask is not a legacy tool.
        JsonNode ask = http.callTool(session, "ask", "{}");
        assertThat(ask.path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void legacyEraRefusesModernRequestsTheLegacyWay() {
        HttpResponse<String> response = post(legacy, "tools/list", null, "{" + META + "}");
        assertThat(response.statusCode()).isEqualTo(400);
        int code = TestHttp.parse(response.body()).path("error").path("code").asInt();
        // Not a recognized modern error (-32020..-32022, or -32601 on 404): a dual-era client falls back.
        assertThat(code).isNotIn(-32020, -32021, -32022, -32601);
        assertThat(new TestHttp(legacy.mcpUrl()).initialize(ProtocolVersions.LATEST)).isNotBlank();
    }

    @Test
    void modernEraRefusesInitializeNamingItsVersions() {
        TestHttp http = new TestHttp(modern.mcpUrl());
        HttpResponse<String> response = http.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST));
        JsonNode error = error(response, 400, -32022);
        assertThat(error.get("message").stringValue()).contains(V);
        assertThat(error.path("data").path("supported").get(0).stringValue()).isEqualTo(V);
        assertThat(error.path("data").path("requested").stringValue()).isEqualTo(ProtocolVersions.LATEST);
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
    }

    @Test
    void faultsApplyToModernRequests() {
        try (ReferenceServer faulty = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1)
                .era(ServerEra.MODERN).faults("http503").build())) {
            HttpResponse<String> response = post(faulty, "tools/list", null, "{" + META + "}");
            assertThat(response.statusCode()).isEqualTo(503);
            // Validation comes first: a request the spec rejects is rejected, faults or not.
            error(post(faulty, "tools/list", null, "{" + META + "}", "Mcp-Method", "x"), 400, -32020);
        }
        try (ReferenceServer faulty = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1)
                .faults("jsonrpc-error:-32603").build())) {
            error(post(faulty, "tools/list", null, "{" + META + "}"), 200, -32603);
        }
    }
}
