package dev.mcpload.protocol;

/**
 * The one error taxonomy of mcpload. Every failed request is assigned exactly one class, in one place
 * (the transport that saw the failure), and every report counts by these names. All but {@link #GENERATOR} are
 * about the server or the way to it; {@link #GENERATOR} is mcpload's own machine giving out.
 */
public enum ErrorClass {
    /** No answer within the request's deadline. */
    TIMEOUT("timeout"),
    /** The server answered with a JSON-RPC error object. */
    JSONRPC("jsonrpc"),
    /** A tools/call result with {@code isError: true}: the server worked, the tool failed. */
    TOOL_ERROR("tool_error"),
    /** An HTTP status that is not a success (4xx/5xx other than session expiry, which is recovered). */
    HTTP("http"),
    /** Refused, reset, closed, TLS failure, process exited: the transport itself broke. */
    CONNECTION("connection"),
    /** The server broke the protocol: malformed JSON, wrong id, unexpected content type, stream ended early. */
    PROTOCOL("protocol"),
    /**
     * Sent, but still unanswered when the run ended (its graceful stop ran out, or it was interrupted) and not yet
     * past its deadline: counted, so that every request sent is accounted for once.
     */
    UNFINISHED("unfinished"),
    /**
     * mcpload itself could not complete the request: out of memory, out of file descriptors (the OS refused a
     * socket, EMFILE) — not the server's fault. It counts in the error rate (every failure shows), but never as the
     * server breaking: the breaking-point detector and the ceiling search leave it out of the server's error rate.
     * Last, so the other classes keep their places in ordinal-indexed arrays and CSV columns.
     */
    GENERATOR("generator");

    private final String label;

    ErrorClass(String label) {
        this.label = label;
    }

    /** The name used in summaries and reports. */
    public String label() {
        return label;
    }

    /** Whether this is the load generator's own failure ({@link #GENERATOR}), not something the server did. */
    public boolean isGenerator() {
        return this == GENERATOR;
    }

    /** The class named {@code label} in a report. */
    public static ErrorClass ofLabel(String label) {
        for (ErrorClass c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown error class '" + label + "'");
    }
}
