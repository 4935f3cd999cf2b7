package dev.mcpload.protocol;

/**
 * A failed MCP exchange, already classified. The message is written for a person: it names the URL or command
 * and what the server answered, so the CLI can print it as is.
 */
public class McpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;
    private final int httpStatus;
    private final int jsonRpcCode;

    public McpException(ErrorClass errorClass, String message) {
        this(errorClass, message, 0, 0, null);
    }

    public McpException(ErrorClass errorClass, String message, Throwable cause) {
        this(errorClass, message, 0, 0, cause);
    }

    private McpException(ErrorClass errorClass, String message, int httpStatus, int jsonRpcCode, Throwable cause) {
        // No stack trace capture on the hot path: under overload thousands of these are created per second,
        // and the stack says nothing the message does not.
        super(message, cause, false, false);
        this.errorClass = errorClass;
        this.httpStatus = httpStatus;
        this.jsonRpcCode = jsonRpcCode;
    }

    public static McpException http(int status, String message) {
        return new McpException(ErrorClass.HTTP, message, status, 0, null);
    }

    public static McpException jsonRpc(int code, String message) {
        return new McpException(ErrorClass.JSONRPC, message, 0, code, null);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The HTTP status for {@link ErrorClass#HTTP}, else 0. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The JSON-RPC error code for {@link ErrorClass#JSONRPC}, else 0. */
    public int jsonRpcCode() {
        return jsonRpcCode;
    }

    /** Classifies any throwable that escaped a transport: unknown failures are the connection's. */
    public static McpException classify(Throwable t) {
        Throwable cause = t;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof McpException e) {
            return e;
        }
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new McpException(ErrorClass.CONNECTION, msg, cause);
    }
}
