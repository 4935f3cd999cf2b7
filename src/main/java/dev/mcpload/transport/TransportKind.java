package dev.mcpload.transport;

import java.util.Locale;

/** How a session talks to its server. */
public enum TransportKind {
    /** Streamable HTTP (2025-03-26 and later), falling back to legacy SSE when the server refuses the POST. */
    AUTO,
    /** Streamable HTTP: POST per message, replies as JSON or an SSE stream, Mcp-Session-Id header. */
    STREAMABLE_HTTP,
    /** Legacy HTTP+SSE (2024-11-05): a GET event stream announces a POST endpoint; replies arrive on the stream. */
    SSE,
    /** A child process per session, newline-delimited JSON-RPC on stdin/stdout. */
    STDIO;

    /** Parses the CLI spelling: auto, http (or streamable-http), sse, stdio. */
    public static TransportKind parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "http":
            case "streamable-http":
            case "streamable_http":
            case "streamablehttp":
                return STREAMABLE_HTTP;
            case "sse":
                return SSE;
            case "stdio":
                return STDIO;
            default:
                throw new IllegalArgumentException(
                        "unknown transport '" + s + "': use auto, http, sse or stdio");
        }
    }
}
