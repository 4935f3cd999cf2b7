package dev.mcpload.interop;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client program the MCP conformance suite launches ({@code conformance client --command "..."}): the
 * server URL is the last argument, the scenario is in {@code MCP_CONFORMANCE_SCENARIO}. It does what each
 * scenario needs with mcpload's own client library and exits 0 on success, 1 with a message on stderr
 * otherwise (2 for a usage error).
 *
 * <ul>
 *   <li>{@code initialize}: initialize (then notifications/initialized) against a server that answers plain
 *       JSON without a session id, and even answers the notification with a JSON body;</li>
 *   <li>{@code tools_call}: initialize, tools/list, then {@code add_numbers(a: 5, b: 3)} on a stateless
 *       server that answers everything as SSE; the answer must say 8;</li>
 *   <li>{@code sse-retry}: call {@code test_reconnection}, whose SSE stream ends after a priming event
 *       ({@code id}, {@code retry: 500}, empty data): the client must wait the retry time and resume with
 *       GET + Last-Event-ID, where the response arrives.</li>
 * </ul>
 */
public final class ConformanceClient {
    private static final long STEP_SECONDS = 20;

    private ConformanceClient() {
    }

    public static void main(String[] args) {
        String scenario = System.getenv("MCP_CONFORMANCE_SCENARIO");
        if (args.length == 0 || scenario == null || scenario.isBlank()) {
            System.err.println("usage: MCP_CONFORMANCE_SCENARIO=<scenario> ConformanceClient [...] <server url>");
            System.exit(2);
        }
        String url = args[args.length - 1];
        int code;
        try {
            run(scenario, url);
            System.out.println("scenario " + scenario + ": OK");
            code = 0;
        } catch (Throwable t) {
            McpException e = t instanceof AssertionError ? null : McpException.classify(t);
            System.err.println("scenario " + scenario + " against " + url + " FAILED: "
                    + (e != null ? "[" + e.errorClass().label() + "] " + e.getMessage() : t.getMessage()));
            code = 1;
        }
        System.exit(code); // never wait for anything else (the suite waits for our pipes to close)
    }

    static void run(String scenario, String url) throws Exception {
        ClientOptions options = ClientOptions.http(url).withTransport(TransportKind.STREAMABLE_HTTP)
                .withIoThreads(1);
        try (McpClient client = new McpClient(options)) {
            McpSession session = client.newSession(SessionListener.NONE);
            try {
                switch (scenario) {
                    case "initialize" -> initialize(session);
                    case "tools_call" -> toolsCall(session);
                    case "sse-retry" -> sseRetry(session);
                    default -> throw new AssertionError("unknown scenario '" + scenario
                            + "' (this client knows initialize, tools_call, sse-retry)");
                }
            } finally {
                session.close().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void initialize(McpSession session) throws Exception {
        InitializeResult init = await(session.initialize());
        System.out.println("initialized: " + init.serverName() + " " + init.protocolVersion());
    }

    private static void toolsCall(McpSession session) throws Exception {
        await(session.initialize());
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
}
