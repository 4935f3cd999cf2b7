package dev.mcpload.server;

/**
 * How the Streamable HTTP endpoint answers a JSON-RPC request. Both are legal per the spec and a client must
 * handle both, so the reference server can play either kind of server.
 */
public enum ResponseMode {
    /** One {@code application/json} body per request: the cheapest exchange, like most production servers. */
    JSON,
    /**
     * A short {@code text/event-stream} per request: priming event, progress notifications, the response, then
     * the stream ends. This is what the official TypeScript and Java SDK servers do.
     */
    SSE
}
