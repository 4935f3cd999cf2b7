package dev.mcpload.protocol;

/**
 * The one error taxonomy of mcpload. Every failed request is assigned exactly one class, in one place
 * (the transport that saw the failure), and every report counts by these names.
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
    UNFINISHED("unfinished");

    private final String label;

    ErrorClass(String label) {
        this.label = label;
    }

    /** The name used in summaries and reports. */
    public String label() {
        return label;
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
