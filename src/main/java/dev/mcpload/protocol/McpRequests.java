package dev.mcpload.protocol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the params of MCP requests, as the spec names them. */
public final class McpRequests {
    public static final String CLIENT_NAME = "mcpload";
    public static final String CLIENT_VERSION = "0.1.0";

    private McpRequests() {
    }

    public static RequestTemplate initialize(String protocolVersion) {
        return initialize(protocolVersion, java.util.List.of());
    }

    /** initialize declaring these client capabilities (names as the spec writes them: roots, sampling, ...). */
    public static RequestTemplate initialize(String protocolVersion, java.util.Collection<String> capabilities) {
        ObjectNode params = Json.object();
        params.put("protocolVersion", protocolVersion);
        ObjectNode caps = params.putObject("capabilities");
        for (String c : capabilities) {
            caps.putObject(c); // {}: the feature without its options (no roots listChanged, no sampling tools)
        }
        ObjectNode info = params.putObject("clientInfo");
        info.put("name", CLIENT_NAME);
        info.put("version", CLIENT_VERSION);
        return RequestTemplate.of(McpMethods.INITIALIZE, params);
    }

    /** server/discover (2026-07-28): one template for the whole run, wrapped in the envelope like any request. */
    public static final RequestTemplate DISCOVER = RequestTemplate.of(McpMethods.SERVER_DISCOVER);

    public static RequestTemplate ping() {
        return RequestTemplate.of(McpMethods.PING);
    }

    public static RequestTemplate toolsCall(String tool, JsonNode arguments) {
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.set("arguments", arguments == null ? Json.object() : arguments);
        return RequestTemplate.of(McpMethods.TOOLS_CALL, params);
    }

    /** A tools/call that asks for progress notifications under {@code progressToken}. */
    public static RequestTemplate toolsCall(String tool, JsonNode arguments, String progressToken) {
        ObjectNode params = Json.object();
        params.put("name", tool);
        params.set("arguments", arguments == null ? Json.object() : arguments);
        params.putObject("_meta").put("progressToken", progressToken);
        return RequestTemplate.of(McpMethods.TOOLS_CALL, params);
    }

    public static RequestTemplate resourcesRead(String uri) {
        ObjectNode params = Json.object();
        params.put("uri", uri);
        return RequestTemplate.of(McpMethods.RESOURCES_READ, params);
    }

    public static RequestTemplate promptsGet(String prompt, JsonNode arguments) {
        ObjectNode params = Json.object();
        params.put("name", prompt);
        if (arguments != null) {
            params.set("arguments", arguments);
        }
        return RequestTemplate.of(McpMethods.PROMPTS_GET, params);
    }

    /** tools/list, resources/list or prompts/list, for the page after {@code cursor} (null for the first). */
    public static RequestTemplate list(String method, String cursor) {
        if (cursor == null) {
            return RequestTemplate.of(method);
        }
        ObjectNode params = Json.object();
        params.put("cursor", cursor);
        return RequestTemplate.of(method, params);
    }

    /** A notification (no id), encoded whole. */
    public static byte[] notification(String method, JsonNode params) {
        ObjectNode n = Json.object();
        n.put("jsonrpc", "2.0");
        n.put("method", method);
        if (params != null) {
            n.set("params", params);
        }
        return Json.bytes(n);
    }

    /** The answer to a server-initiated request: {@code result} when non-null, else a method-not-found error. */
    public static byte[] answer(String rawId, JsonNode result) {
        return answerRaw(rawId, result == null ? null : Json.string(result));
    }

    /** The same with the result already as JSON text. */
    public static byte[] answerRaw(String rawId, String resultJson) {
        String body = resultJson != null
                ? "{\"jsonrpc\":\"2.0\",\"id\":" + rawId + ",\"result\":" + resultJson + "}"
                : "{\"jsonrpc\":\"2.0\",\"id\":" + rawId
                        + ",\"error\":{\"code\":-32601,\"message\":\"mcpload does not offer this client feature\"}}";
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
