package dev.mcpload.protocol;

/**
 * The JSON-RPC errors by which a modern server (2026-07-28) identifies itself, and the rule a dual-era client
 * applies to them (spec 2026-07-28, Streamable HTTP: backward compatibility): a recognised modern error means
 * "this server is modern, correct the request"; anything else on the first request means "legacy server, fall
 * back to initialize".
 */
public final class ModernErrors {
    /** The HTTP headers do not match the body, or a required one is missing or malformed (HTTP 400). */
    public static final int HEADER_MISMATCH = -32020;
    /** The request needs a client capability the client did not declare in {@code _meta} (HTTP 400). */
    public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
    /** The server does not serve the requested version; {@code data.supported} names the ones it does (HTTP 400). */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    /** JSON-RPC's own "method not found"; modern only with HTTP 404 (a legacy server answers it with 200). */
    public static final int METHOD_NOT_FOUND = -32601;

    private ModernErrors() {
    }

    /**
     * Whether an error answer identifies a modern server: one of the codes the modern revision defines, or
     * "method not found" with the 404 status the modern revision gives it.
     *
     * @param httpStatus the status the error came with (0 when not over HTTP)
     */
    public static boolean recognised(int code, int httpStatus) {
        return code == HEADER_MISMATCH || code == MISSING_REQUIRED_CLIENT_CAPABILITY
                || code == UNSUPPORTED_PROTOCOL_VERSION || (code == METHOD_NOT_FOUND && httpStatus == 404);
    }

    /** What an unsupported-version error (-32022) lists in {@code data.supported}; parsed on this cold path only. */
    public static java.util.List<String> supportedVersions(IncomingMessage m) {
        if (m.errorCode() != UNSUPPORTED_PROTOCOL_VERSION) {
            return java.util.List.of();
        }
        java.util.List<String> versions = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode v : m.tree().path("error").path("data").path("supported")) {
            versions.add(v.asString(""));
        }
        return versions;
    }
}
