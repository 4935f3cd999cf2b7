package dev.mcpload.server;

/**
 * A JSON-RPC error to send back instead of a result. Thrown by the method handlers and caught by the
 * transport or the dispatcher; it carries no stack trace because it is an answer, not a bug.
 */
final class McpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    McpError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }

    static McpError invalidParams(String message) {
        return new McpError(JsonRpc.INVALID_PARAMS, message);
    }
}
