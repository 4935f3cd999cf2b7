package dev.mcpload.protocol;

import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC message received from a server, as far as the client needs to route it: its kind, id, method,
 * error and the {@code isError} flag of a tool result. The raw bytes are kept so that a caller who wants the
 * whole result (discovery, tests) can parse it lazily; the load path never does.
 */
public final class IncomingMessage {
    public enum Kind { RESPONSE, ERROR, NOTIFICATION, REQUEST }

    /** Marker for ids that are not integral numbers (we only ever send integral ids). */
    public static final long NO_ID = Long.MIN_VALUE;

    private final Kind kind;
    private final long id;
    private final boolean hasId;
    private String rawId;
    private final String method;
    private final int errorCode;
    private final String errorMessage;
    private final int resultShape;
    private final byte[] bytes;
    private JsonNode tree;
    /** Round trips before this answer, answering the server's input requests (set by the session that did). */
    private int priorRoundTrips;

    /**
     * @param hasId whether the message has an id (a string, or an integral number)
     * @param rawId the id as JSON when it is a string; null for a numeric id, whose text is made on demand
     * @param resultShape what the scanner noted about the result ({@link ResultShape} bits)
     */
    IncomingMessage(Kind kind, long id, boolean hasId, String rawId, String method, int errorCode,
                    String errorMessage, int resultShape, byte[] bytes) {
        this.kind = kind;
        this.id = id;
        this.hasId = hasId;
        this.rawId = rawId;
        this.method = method;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.resultShape = resultShape;
        this.bytes = bytes;
    }

    public Kind kind() {
        return kind;
    }

    /** The numeric id, or {@link #NO_ID}. */
    public long id() {
        return id;
    }

    /** The id exactly as JSON (a number or a quoted string), or null for notifications; used to answer requests. */
    public String rawId() {
        if (rawId == null && hasId) {
            rawId = Long.toString(id); // racy but idempotent: the same text whoever makes it
        }
        return rawId;
    }

    public String method() {
        return method;
    }

    public int errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    /** True for a response whose result carries {@code isError: true} (a failed tool call). */
    public boolean isToolError() {
        return (resultShape & ResultShape.IS_ERROR) != 0;
    }

    /**
     * True for a response whose result is {@code resultType: "input_required"} (2026-07-28): not an answer yet,
     * the server asks for input first.
     */
    public boolean isInputRequired() {
        return (resultShape & ResultShape.INPUT_REQUIRED) != 0;
    }

    /**
     * How many round trips came before this answer: the requests sent again with {@code inputResponses} after an
     * {@code input_required} result (0 for a request answered at once).
     */
    public int priorRoundTrips() {
        return priorRoundTrips;
    }

    /** This answer, marked as coming after {@code n} earlier round trips (by the session that answered input). */
    public IncomingMessage afterRoundTrips(int n) {
        priorRoundTrips = n;
        return this;
    }

    /** The {@link ResultShape} bits of a response's result (0 for other messages). */
    public int resultShape() {
        return resultShape;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The whole message as a tree, parsed on first use. */
    public synchronized JsonNode tree() {
        if (tree == null) {
            tree = Json.parse(bytes);
        }
        return tree;
    }

    /** The {@code result} member of a response (missing node for others). */
    public JsonNode result() {
        return tree().path("result");
    }

    /** The {@code params} member of a notification or request. */
    public JsonNode params() {
        return tree().path("params");
    }

    @Override
    public String toString() {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
