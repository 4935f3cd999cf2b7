package dev.mcpload.interop;

import dev.mcpload.discovery.ArgumentSynthesizer;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ParamHeaders;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientCapability;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * The client program the MCP conformance suite launches ({@code conformance client --command "..."}): the
 * server URL is the last argument, the scenario is in {@code MCP_CONFORMANCE_SCENARIO}, the protocol version to
 * speak in {@code MCP_CONFORMANCE_PROTOCOL_VERSION} (set by the 0.2 suites; absent with 0.1.16) and
 * scenario data, when a scenario has some, in {@code MCP_CONFORMANCE_CONTEXT}. It does what each scenario needs
 * with mcpload's own client library and exits 0 on success, 1 with a message on stderr otherwise (2 for a usage
 * error).
 *
 * <p>The lifecycle follows the version, as the suite asks: a 2026-07-28 version pins the modern era (stateless,
 * {@code server/discover} as first contact, {@code _meta} on every request); a dated 2025 version pins the
 * legacy era; without one (0.1.16) the client is mcpload's default, the dual-era client that detects the era,
 * modern first. {@code -Dmcpload.conformance.era=auto} keeps that default even when a version is given, so a run
 * can test the detection against a modern server.
 *
 * <p>Legacy-era scenarios (0.1.16):
 * <ul>
 *   <li>{@code initialize}: initialize (then notifications/initialized) against a server that answers plain
 *       JSON without a session id, and even answers the notification with a JSON body;</li>
 *   <li>{@code tools_call}: initialize, tools/list, then {@code add_numbers(a: 5, b: 3)} on a stateless
 *       server that answers everything as SSE; the answer must say 8;</li>
 *   <li>{@code sse-retry}: call {@code test_reconnection}, whose SSE stream ends after a priming event
 *       ({@code id}, {@code retry: 500}, empty data): the client must wait the retry time and resume with
 *       GET + Last-Event-ID, where the response arrives.</li>
 * </ul>
 *
 * <p>2026-07-28 scenarios (0.2.0 alpha, see {@code ConformanceModernTest}); the first contact is always
 * {@code server/discover} ({@link McpSession#initialize()} in the modern era):
 * <ul>
 *   <li>{@code tools_call}: as above, on the stateless mock that checks the version header and {@code _meta};</li>
 *   <li>{@code request-metadata}: discover, tools/list; the mock refuses the first request with -32022;</li>
 *   <li>{@code sep-2322-client-request-state}: multi round-trip tools answered from configured input answers
 *       ({@code elicitation/create}: accept), one of them called while another's round trips are under way;</li>
 *   <li>{@code http-standard-headers}: every listed tool, resource and prompt, for their Mcp-Method/Mcp-Name;</li>
 *   <li>{@code http-custom-headers}: tools/list teaches the {@code x-mcp-header} parameters (as mcpload's
 *       preflight does), then the calls the suite names in its context, with {@code Mcp-Param-*} headers;</li>
 *   <li>{@code http-invalid-tool-headers}: tools/list, then a call of each tool mcpload finds valid, with
 *       synthesized arguments; the tools whose annotations mcpload rejects are left out;</li>
 *   <li>{@code json-schema-ref-no-deref}: tools/list and mcpload's own processing of the schemas (header
 *       annotations, synthesized arguments), which must not fetch the network {@code $ref};</li>
 *   <li>{@code json-schema-2020-12-preservation}: tools/list, then the focal tool's inputSchema sent back
 *       verbatim to the echo tool.</li>
 * </ul>
 */
public final class ConformanceClient {
    private static final long STEP_SECONDS = 20;
    /** What a confirm-style elicitation gets in sep-2322-client-request-state: accepted, confirmed. */
    private static final String ELICITATION_ACCEPT = "{\"action\":\"accept\",\"content\":{\"confirmed\":true}}";

    private ConformanceClient() {
    }

    public static void main(String[] args) {
        String scenario = System.getenv("MCP_CONFORMANCE_SCENARIO");
        if (args.length == 0 || scenario == null || scenario.isBlank()) {
            System.err.println("usage: MCP_CONFORMANCE_SCENARIO=<scenario> ConformanceClient [...] <server url>");
            System.exit(2);
        }
        String url = args[args.length - 1];
        String version = blankToNull(System.getenv("MCP_CONFORMANCE_PROTOCOL_VERSION"));
        String context = blankToNull(System.getenv("MCP_CONFORMANCE_CONTEXT"));
        boolean autoEra = "auto".equalsIgnoreCase(System.getProperty("mcpload.conformance.era", ""));
        int code;
        try {
            run(scenario, url, version, autoEra, context == null ? Json.object() : Json.parse(context));
            System.out.println("scenario " + scenario + ": OK");
            code = 0;
        } catch (Throwable t) {
            McpException e = t instanceof AssertionError ? null : McpException.classify(t);
            System.err.println("scenario " + scenario + " (version " + (version == null ? "not given" : version)
                    + ") against " + url + " FAILED: "
                    + (e != null ? "[" + e.errorClass().label() + "] " + e.getMessage() : t.getMessage()));
            code = 1;
        }
        System.exit(code); // never wait for anything else (the suite waits for our pipes to close)
    }

    static void run(String scenario, String url, String version, boolean autoEra, JsonNode context)
            throws Exception {
        ClientOptions options = ClientOptions.http(url).withTransport(TransportKind.STREAMABLE_HTTP)
                .withIoThreads(1);
        if (version != null && !autoEra) {
            if (ProtocolEra.of(version) == null) {
                throw new AssertionError("MCP_CONFORMANCE_PROTOCOL_VERSION " + version
                        + " is not a version mcpload speaks (" + String.join(", ", ProtocolVersions.all()) + ")");
            }
            options = options.withProtocolVersion(version); // pins the era: the lifecycle follows the version
        }
        boolean modern = version != null && ProtocolVersions.isModern(version);
        if (scenario.equals("sep-2322-client-request-state")) {
            options = options.withClientCapabilities(EnumSet.of(ClientCapability.ELICITATION))
                    .withInputAnswers(new InputAnswers(Map.of(McpMethods.ELICITATION_CREATE,
                            Json.parse(ELICITATION_ACCEPT)), InputAnswers.DEFAULT_MAX_ROUND_TRIPS));
        }
        try (McpClient client = new McpClient(options)) {
            McpSession session = client.newSession(SessionListener.NONE);
            try {
                if (modern) {
                    runModern(scenario, client, session, context);
                } else {
                    switch (scenario) {
                        case "initialize" -> initialize(session);
                        case "tools_call" -> toolsCall(session);
                        case "sse-retry" -> sseRetry(session);
                        default -> throw new AssertionError("unknown scenario '" + scenario + "' at version "
                                + (version == null ? "(not given)" : version)
                                + " (this client knows initialize, tools_call, sse-retry)");
                    }
                }
            } finally {
                session.close().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void runModern(String scenario, McpClient client, McpSession session, JsonNode context)
            throws Exception {
        switch (scenario) {
            case "tools_call" -> toolsCall(session);
            case "request-metadata" -> requestMetadata(session);
            case "sep-2322-client-request-state" -> requestState(session);
            case "http-standard-headers" -> standardHeaders(session);
            case "http-custom-headers" -> customHeaders(client, session, context);
            case "http-invalid-tool-headers" -> invalidToolHeaders(client, session);
            case "json-schema-ref-no-deref" -> refNoDeref(session);
            case "json-schema-2020-12-preservation" -> schemaPreservation(session);
            default -> throw new AssertionError("unknown 2026-07-28 scenario '" + scenario + "' (this client knows"
                    + " tools_call, request-metadata, sep-2322-client-request-state, http-standard-headers,"
                    + " http-custom-headers, http-invalid-tool-headers, json-schema-ref-no-deref,"
                    + " json-schema-2020-12-preservation)");
        }
    }

    private static void initialize(McpSession session) throws Exception {
        InitializeResult init = await(session.initialize());
        System.out.println("initialized: " + init.serverName() + " " + init.protocolVersion());
    }

    private static void toolsCall(McpSession session) throws Exception {
        initialize(session);
        IncomingMessage tools = await(session.request(McpRequests.list(McpMethods.TOOLS_LIST, null)));
        check(tools.result().path("tools").toString().contains("\"add_numbers\""),
                "tools/list does not offer add_numbers: " + tools);
        var arguments = Json.object().put("a", 5).put("b", 3);
        IncomingMessage result = await(session.request(McpRequests.toolsCall("add_numbers", arguments)));
        String text = result.result().path("content").path(0).path("text").asString("");
        check(!result.isToolError() && text.contains("8"), "add_numbers(5, 3) answered " + result);
        System.out.println("add_numbers: " + text);
    }

    private static void sseRetry(McpSession session) throws Exception {
        await(session.initialize());
        IncomingMessage tools = await(session.request(McpRequests.list(McpMethods.TOOLS_LIST, null)));
        check(tools.result().path("tools").toString().contains("\"test_reconnection\""),
                "tools/list does not offer test_reconnection: " + tools);
        IncomingMessage result = await(session.request(McpRequests.toolsCall("test_reconnection", null)));
        String text = result.result().path("content").path(0).path("text").asString("");
        check(!result.isToolError() && !text.isEmpty(), "test_reconnection answered " + result);
        System.out.println("test_reconnection: " + text);
    }

    /**
     * The scenario checks the version header and {@code _meta} of every request, and refuses the first one with
     * -32022 (listing 2026-07-28 as supported) to see whether the client retries with a supported version.
     */
    private static void requestMetadata(McpSession session) throws Exception {
        initialize(session);
        IncomingMessage tools = await(session.request(McpRequests.list(McpMethods.TOOLS_LIST, null)));
        System.out.println("tools/list: " + tools);
    }

    /**
     * Multi round-trip requests (SEP-2322): the answers are mcpload's configured input answers, the round trips
     * mcpload's own. {@code test_mrtr_unrelated} goes out while {@code test_mrtr_echo_state} is in its round
     * trips, on the same session, and must carry neither inputResponses nor requestState.
     */
    private static void requestState(McpSession session) throws Exception {
        initialize(session);
        IncomingMessage tools = await(session.request(McpRequests.list(McpMethods.TOOLS_LIST, null)));
        for (String tool : List.of("test_mrtr_echo_state", "test_mrtr_no_state", "test_mrtr_unrelated",
                "test_mrtr_no_result_type")) {
            check(tools.result().path("tools").toString().contains("\"" + tool + "\""),
                    "tools/list does not offer " + tool + ": " + tools);
        }
        CompletableFuture<IncomingMessage> echo = session.request(McpRequests.toolsCall("test_mrtr_echo_state", null));
        CompletableFuture<IncomingMessage> unrelated = session.request(
                McpRequests.toolsCall("test_mrtr_unrelated", null));
        expectText(await(echo), "echo-state-ok", 1);
        expectText(await(unrelated), "unrelated-ok", 0);
        expectText(await(session.request(McpRequests.toolsCall("test_mrtr_no_state", null))), "no-state-ok", 1);
        expectText(await(session.request(McpRequests.toolsCall("test_mrtr_no_result_type", null))),
                "no-result-type-test-ok", 0);
    }

    private static void expectText(IncomingMessage m, String text, int roundTripsBefore) {
        String got = m.result().path("content").path(0).path("text").asString("");
        check(!m.isInputRequired() && !m.isToolError() && got.equals(text),
                "expected a complete result saying '" + text + "', got " + m);
        check(m.priorRoundTrips() == roundTripsBefore, "expected " + roundTripsBefore
                + " round trip(s) before the answer, got " + m.priorRoundTrips() + ": " + m);
        System.out.println(text + " (after " + m.priorRoundTrips() + " round trip(s))");
    }

    /** Each tool, resource and prompt the server lists, once: Mcp-Method on all, Mcp-Name on call/read/get. */
    private static void standardHeaders(McpSession session) throws Exception {
        initialize(session);
        List<JsonNode> tools = list(session, McpMethods.TOOLS_LIST, "tools");
        for (JsonNode tool : tools) {
            String name = tool.path("name").asString("");
            IncomingMessage m = await(session.request(McpRequests.toolsCall(name,
                    ArgumentSynthesizer.forTool(tool.path("inputSchema")))));
            System.out.println("tools/call " + name + ": " + m);
        }
        for (JsonNode resource : list(session, McpMethods.RESOURCES_LIST, "resources")) {
            String uri = resource.path("uri").asString("");
            System.out.println("resources/read " + uri + ": " + await(session.request(McpRequests.resourcesRead(uri))));
        }
        for (JsonNode prompt : list(session, McpMethods.PROMPTS_LIST, "prompts")) {
            String name = prompt.path("name").asString("");
            System.out.println("prompts/get " + name + ": "
                    + await(session.request(McpRequests.promptsGet(name, null))));
        }
        check(!tools.isEmpty(), "tools/list listed no tools");
    }

    /**
     * As mcpload's preflight does against a modern server: tools/list once, the tools' {@code x-mcp-header}
     * parameters into the client ({@link McpClient#useParamHeaders}), then sessions made after that mirror them
     * on every call. The calls are the ones the suite names in its context.
     */
    private static void customHeaders(McpClient client, McpSession preflight, JsonNode context) throws Exception {
        learnParamHeaders(client, preflight);
        JsonNode calls = context.path("toolCalls");
        check(calls.isArray() && !calls.isEmpty(), "MCP_CONFORMANCE_CONTEXT names no toolCalls: " + context);
        McpSession session = client.newSession(SessionListener.NONE);
        try {
            initialize(session);
            for (JsonNode call : calls) {
                String name = call.path("name").asString("");
                IncomingMessage m = await(session.request(McpRequests.toolsCall(name, call.path("arguments"))));
                check(!m.isToolError(), "tools/call " + name + " answered " + m);
                System.out.println("tools/call " + name + ": " + m);
            }
        } finally {
            session.close().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A tool whose {@code x-mcp-header} annotations break the spec's rules is left out, as a conforming client
     * must: mcpload's {@link ParamHeaders} says which and why; every other tool is called, with arguments
     * mcpload synthesizes from its schema (as {@code mcpload init} does).
     */
    private static void invalidToolHeaders(McpClient client, McpSession preflight) throws Exception {
        List<JsonNode> tools = learnParamHeaders(client, preflight);
        Map<String, String> invalid = ParamHeaders.of(tools).invalid();
        invalid.forEach((tool, why) -> System.out.println("left out: " + tool + " (" + why + ")"));
        McpSession session = client.newSession(SessionListener.NONE);
        int called = 0;
        try {
            initialize(session);
            for (JsonNode tool : tools) {
                String name = tool.path("name").asString("");
                if (invalid.containsKey(name)) {
                    continue;
                }
                IncomingMessage m = await(session.request(McpRequests.toolsCall(name,
                        ArgumentSynthesizer.forTool(tool.path("inputSchema")))));
                System.out.println("tools/call " + name + ": " + m);
                called++;
            }
        } finally {
            session.close().get(10, TimeUnit.SECONDS);
        }
        check(called > 0, "every listed tool was rejected: " + invalid);
    }

    /** tools/list and what mcpload does with the schemas (no tools/call: the scenario's server has none). */
    private static void refNoDeref(McpSession session) throws Exception {
        initialize(session);
        List<JsonNode> tools = list(session, McpMethods.TOOLS_LIST, "tools");
        check(!tools.isEmpty(), "tools/list listed no tools");
        ParamHeaders headers = ParamHeaders.of(tools);
        for (JsonNode tool : tools) {
            String name = tool.path("name").asString("");
            System.out.println(name + ": arguments " + ArgumentSynthesizer.forTool(tool.path("inputSchema"))
                    + ", Mcp-Param headers " + headers.of(name)
                    + (headers.invalid().containsKey(name) ? ", invalid: " + headers.invalid().get(name) : ""));
        }
    }

    /** The focal tool's inputSchema, as mcpload parsed it, sent back verbatim to the echo tool. */
    private static void schemaPreservation(McpSession session) throws Exception {
        initialize(session);
        JsonNode schema = null;
        for (JsonNode tool : list(session, McpMethods.TOOLS_LIST, "tools")) {
            if (tool.path("name").asString("").equals("json_schema_2020_12_tool")) {
                schema = tool.path("inputSchema");
            }
        }
        check(schema != null && schema.isObject(), "tools/list does not offer json_schema_2020_12_tool");
        IncomingMessage m = await(session.request(McpRequests.toolsCall("json_schema_echo",
                Json.object().set("schema", schema))));
        check(!m.isToolError(), "json_schema_echo answered " + m);
        System.out.println("json_schema_echo: " + m);
    }

    /** mcpload's preflight for a modern server: every page of tools/list, then the tools' Mcp-Param headers. */
    private static List<JsonNode> learnParamHeaders(McpClient client, McpSession session) throws Exception {
        initialize(session);
        List<JsonNode> tools = list(session, McpMethods.TOOLS_LIST, "tools");
        check(!tools.isEmpty(), "tools/list listed no tools");
        client.useParamHeaders(ParamHeaders.of(tools));
        return tools;
    }

    /** Every page (at most 20) of a list method: the items under {@code key}. */
    private static List<JsonNode> list(McpSession session, String method, String key) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            IncomingMessage m = await(session.request(McpRequests.list(method, cursor)));
            m.result().path(key).forEach(items::add);
            cursor = m.result().path("nextCursor").asString(null);
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return items;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(STEP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw McpException.classify(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + STEP_SECONDS + " s");
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
