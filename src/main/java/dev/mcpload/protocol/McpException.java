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
    private final long retryAfterMs;
    /** For an unsupported-version error (-32022): the versions the server named in {@code data.supported}. */
    private final java.util.List<String> supportedVersions;

    public McpException(ErrorClass errorClass, String message) {
        this(errorClass, message, 0, 0, -1, null, java.util.List.of());
    }

    public McpException(ErrorClass errorClass, String message, Throwable cause) {
        this(errorClass, message, 0, 0, -1, cause, java.util.List.of());
    }

    private McpException(ErrorClass errorClass, String message, int httpStatus, int jsonRpcCode, long retryAfterMs,
                         Throwable cause, java.util.List<String> supportedVersions) {
        // No stack trace capture on the hot path: under overload thousands of these are created per second,
        // and the stack says nothing the message does not.
        super(message, cause, false, false);
        this.errorClass = errorClass;
        this.httpStatus = httpStatus;
        this.jsonRpcCode = jsonRpcCode;
        this.retryAfterMs = retryAfterMs;
        this.supportedVersions = supportedVersions;
    }

    public static McpException http(int status, String message) {
        return http(status, message, -1);
    }

    /** An HTTP failure whose response said when to come back ({@code Retry-After}, in ms; -1 = it did not). */
    public static McpException http(int status, String message, long retryAfterMs) {
        return new McpException(ErrorClass.HTTP, message, status, 0, retryAfterMs, null, java.util.List.of());
    }

    public static McpException jsonRpc(int code, String message) {
        return jsonRpc(code, message, 0, java.util.List.of());
    }

    /**
     * A JSON-RPC error that came with an HTTP error status (the modern era's way: 400 for -32020..-32022, 404 for
     * -32601), with the versions an unsupported-version error named (empty for the others).
     */
    public static McpException jsonRpc(int code, String message, int httpStatus, java.util.List<String> supported) {
        return new McpException(ErrorClass.JSONRPC, message, httpStatus, code, -1, null, java.util.List.copyOf(supported));
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The HTTP status for {@link ErrorClass#HTTP}, and for a JSON-RPC error that came with one; else 0. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The JSON-RPC error code for {@link ErrorClass#JSONRPC}, else 0. */
    public int jsonRpcCode() {
        return jsonRpcCode;
    }

    /** The versions an unsupported-version error (-32022) named as supported; empty otherwise. */
    public java.util.List<String> supportedVersions() {
        return supportedVersions;
    }

    /** How long the server asked the client to wait ({@code Retry-After}), in ms, or -1. */
    public long retryAfterMs() {
        return retryAfterMs;
    }

    /**
     * The spec's "this endpoint does not speak that" answer (transports, backward compatibility): HTTP 400, 404 or
     * 405 without a JSON-RPC error to go by.
     */
    public boolean refusedAsUnknown() {
        return errorClass == ErrorClass.HTTP && (httpStatus == 400 || httpStatus == 404 || httpStatus == 405);
    }

    /**
     * mcpload ran out of memory {@code doing} something ("reading the answer of URL"; null when not known): a
     * {@link ErrorClass#GENERATOR} failure that says whose fault it is and how to avoid it.
     */
    public static McpException outOfMemory(String doing, Throwable cause) {
        OutOfMemoryError oom = outOfMemoryIn(cause);
        String kind = oom == null || oom.getMessage() == null ? "" : " (" + oom.getMessage() + ")";
        return new McpException(ErrorClass.GENERATOR, "mcpload ran out of memory" + kind
                + (doing == null ? "" : " " + doing) + ", not the server's fault: give the JVM more heap (-Xmx), or"
                + " lower the VUs or max_message_bytes", cause);
    }

    /** The {@link OutOfMemoryError} that {@code t} is or was caused by, or null. */
    public static OutOfMemoryError outOfMemoryIn(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < 32; depth++, c = c.getCause()) { // bounded: a chain may loop
            if (c instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /**
     * Classifies any throwable that escaped a transport (the engine's catch-all): running out of memory is the
     * generator's; other unknown failures are the connection's.
     */
    public static McpException classify(Throwable t) {
        Throwable cause = t;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof McpException e) {
            return e;
        }
        if (outOfMemoryIn(cause) != null) {
            return outOfMemory(null, cause);
        }
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new McpException(ErrorClass.CONNECTION, msg, cause);
    }
}
