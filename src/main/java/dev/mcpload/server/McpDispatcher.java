package dev.mcpload.server;

import dev.mcpload.protocol.ProtocolVersions;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP method → result, for any transport. Transports parse and classify messages, find the session, and give
 * each request an {@link Exchange}; everything the protocol says about methods lives here.
 */
final class McpDispatcher {
    static final String SERVER_NAME = "mcpload-reference";
    static final String SERVER_VERSION = serverVersion();

    private static final String INSTRUCTIONS = "Reference MCP server of mcpload, for load tests: cheap tools "
            + "(echo, add, ...), a sleep tool for latency, a fail tool for tool errors.";
    private static final Set<String> LOG_LEVELS =
            Set.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");
    private static final List<JsonNode> NO_TEMPLATES = List.of();

    private final ReferenceTools tools;
    private final ReferenceResources resources = new ReferenceResources();
    private final ReferencePrompts prompts = new ReferencePrompts();
    private final int pageSize;
    private final ToolConcurrencyLimit limit; // null: every call runs at once
    private final ObjectNode capabilities = capabilities();
    private final ObjectNode serverMeta = Modern.serverMeta();
    private final long ttlMs;
    private final ServerEra era;

    McpDispatcher(ReferenceServerOptions options) {
        this.tools = new ReferenceTools(options.sleepEnabled());
        this.pageSize = options.pageSize();
        this.ttlMs = options.cacheTtlMs();
        this.era = options.era();
        this.limit = options.maxConcurrency() > 0 ? new ToolConcurrencyLimit(options.maxConcurrency()) : null;
    }

    /** Handles a notification. Unknown ones are ignored, as JSON-RPC requires (no response possible). */
    void notification(JsonRpc.Incoming message, Session session) {
        if ("notifications/initialized".equals(message.method())) {
            session.markInitialized();
        }
        // notifications/cancelled: every tool but sleep answers at once; a cancelled sleep still answers,
        // which the spec allows (the notification may arrive after the work is done), and clients ignore it.
    }

    /**
     * Handles a request; the answer goes through {@code exchange} exactly once, now or later. Errors in the
     * request become JSON-RPC errors; the answer itself is sent outside the error handling, so a transport
     * failure while answering is never mistaken for a bad request (and never answered twice).
     */
    void request(JsonRpc.Incoming message, Session session, Exchange exchange) {
        JsonNode id = message.id();
        JsonNode params = message.params();
        Runnable tool = null;
        ObjectNode response;
        try {
            if ("tools/call".equals(message.method())) {
                // Validated now (errors answered below), run after: the tool answers through the exchange.
                tool = tools.bind(params, new ToolCall(id, progressToken(params), exchange,
                        limit == null ? null : limit::done));
                response = null;
            } else {
                response = JsonRpc.result(id, result(message.method(), params, session));
            }
        } catch (McpError e) {
            response = JsonRpc.error(id, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug in this server: answer rather than leave the client waiting until its timeout.
            response = JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error: " + e);
        }
        if (tool != null && limit != null) {
            Runnable bound = tool;
            limit.submit(() -> exchange.scheduler().execute(bound));
        } else if (tool != null) {
            tool.run();
        } else {
            exchange.respond(response);
        }
    }

    /**
     * Handles a 2026-07-28 request, already validated (version, headers, {@code _meta}) by the transport: no
     * session; results carry {@code resultType} and the server's identity, cacheable ones {@code ttlMs} and
     * {@code cacheScope}. Answered through {@code exchange} exactly once, like {@link #request}.
     */
    void modernRequest(JsonRpc.Incoming message, Exchange exchange) {
        JsonNode id = message.id();
        JsonNode params = message.params();
        Runnable tool = null;
        ObjectNode response;
        try {
            if ("tools/call".equals(message.method())) {
                JsonNode name = params.get("name");
                if (name != null && ReferenceTools.ASK.equals(name.stringValue())) {
                    response = JsonRpc.result(id, tools.ask(params, serverMeta));
                } else {
                    tool = tools.bind(params, new ToolCall(id, progressToken(params), exchange,
                            limit == null ? null : limit::done, serverMeta));
                    response = null;
                }
            } else {
                response = JsonRpc.result(id, modernResult(message.method(), params));
            }
        } catch (McpError e) {
            response = e.response(id);
        } catch (RuntimeException e) {
            response = JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Internal error: " + e);
        }
        if (tool != null && limit != null) {
            Runnable bound = tool;
            limit.submit(() -> exchange.scheduler().execute(bound));
        } else if (tool != null) {
            tool.run();
        } else {
            exchange.respond(response);
        }
    }

    /** The URIs of the resources, which a subscriptions/listen may subscribe to. */
    List<String> resourceUris() {
        return resources.list().stream().map(r -> r.path("uri").asString("")).toList();
    }

    private ObjectNode modernResult(String method, JsonNode params) {
        return switch (method) {
            case "server/discover" -> Modern.cacheable(discover(), serverMeta, ttlMs);
            case "tools/list" -> Modern.cacheable(Pagination.page(tools.modernDefinitions(), params, pageSize,
                    "tools"), serverMeta, ttlMs);
            case "resources/list" -> Modern.cacheable(Pagination.page(resources.list(), params, pageSize,
                    "resources"), serverMeta, ttlMs);
            case "resources/templates/list" -> Modern.cacheable(Pagination.page(NO_TEMPLATES, params, pageSize,
                    "resourceTemplates"), serverMeta, ttlMs);
            case "resources/read" -> Modern.cacheable(readResource(params), serverMeta, ttlMs);
            case "prompts/list" -> Modern.cacheable(Pagination.page(prompts.list(), params, pageSize, "prompts"),
                    serverMeta, ttlMs);
            case "prompts/get" -> Modern.complete(prompts.get(params), serverMeta);
            // initialize, ping, logging/setLevel, notifications/initialized... are not 2026-07-28 methods.
            default -> throw new McpError(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method
                    + (method.equals("initialize") ? " (MCP " + Modern.VERSION + " has no initialize)" : ""));
        };
    }

    /** 2026-07-28 retired -32002 for an unknown resource: it is invalid params (-32602). */
    private ObjectNode readResource(JsonNode params) {
        try {
            return resources.read(params);
        } catch (McpError e) {
            if (e.code() == JsonRpc.RESOURCE_NOT_FOUND) {
                throw McpError.invalidParams(e.getMessage());
            }
            throw e;
        }
    }

    private ObjectNode discover() {
        ObjectNode result = JsonRpc.object();
        result.set("supportedVersions", Modern.array(Modern.supportedVersions(era)));
        ObjectNode caps = result.putObject("capabilities");
        caps.putObject("tools");
        caps.putObject("resources");
        caps.putObject("prompts");
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    /** The request's {@code _meta.progressToken} when it is a valid token (string or integer), else null. */
    private static JsonNode progressToken(JsonNode params) {
        JsonNode token = params.path("_meta").get("progressToken");
        return token != null && (token.isString() || token.isIntegralNumber()) ? token : null;
    }

    private ObjectNode result(String method, JsonNode params, Session session) {
        return switch (method) {
            case "ping" -> JsonRpc.object();
            case "initialize" -> initialize(params, session);
            case "tools/list" -> Pagination.page(tools.definitions(), params, pageSize, "tools");
            case "resources/list" -> Pagination.page(resources.list(), params, pageSize, "resources");
            case "resources/templates/list" -> Pagination.page(NO_TEMPLATES, params, pageSize, "resourceTemplates");
            case "resources/read" -> resources.read(params);
            case "prompts/list" -> Pagination.page(prompts.list(), params, pageSize, "prompts");
            case "prompts/get" -> prompts.get(params);
            case "logging/setLevel" -> setLevel(params, session);
            default -> throw new McpError(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method);
        };
    }

    private ObjectNode initialize(JsonNode params, Session session) {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || !requested.isString()) {
            throw McpError.invalidParams("Invalid params: initialize needs a string \"protocolVersion\"");
        }
        // Same version when supported, else our newest; the client decides whether it can live with that.
        String version = ProtocolVersions.serverChoice(requested.stringValue());
        session.protocolVersion(version);
        ObjectNode result = JsonRpc.object();
        result.put("protocolVersion", version);
        result.set("capabilities", capabilities);
        ObjectNode serverInfo = result.putObject("serverInfo");
        serverInfo.put("name", SERVER_NAME);
        serverInfo.put("version", SERVER_VERSION);
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    private static ObjectNode setLevel(JsonNode params, Session session) {
        JsonNode level = params.get("level");
        if (level == null || !level.isString() || !LOG_LEVELS.contains(level.stringValue())) {
            throw McpError.invalidParams("Invalid params: \"level\" must be one of " + LOG_LEVELS);
        }
        session.logLevel(level.stringValue());
        return JsonRpc.object();
    }

    private static ObjectNode capabilities() {
        ObjectNode capabilities = JsonRpc.object();
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("resources");
        capabilities.putObject("prompts");
        capabilities.putObject("logging");
        return capabilities;
    }

    private static String serverVersion() {
        String version = McpDispatcher.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0";
    }
}
