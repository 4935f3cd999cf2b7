package dev.mcpload.server;

import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC error to send back instead of a result. Thrown by the method handlers and caught by the
 * transport or the dispatcher; it carries no stack trace because it is an answer, not a bug.
 */
final class McpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    /** The error's {@code data} member, or null for none. */
    private final transient JsonNode data;

    McpError(int code, String message) {
        this(code, message, null);
    }

    McpError(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    int code() {
        return code;
    }

    JsonNode data() {
        return data;
    }

    /** The JSON-RPC error response to the request {@code id} that this error answers. */
    tools.jackson.databind.node.ObjectNode response(JsonNode id) {
        return JsonRpc.error(id, code, getMessage(), data);
    }

    static McpError invalidParams(String message) {
        return new McpError(JsonRpc.INVALID_PARAMS, message);
    }
}
