package dev.mcpload.transport;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.RequestEncoder;
import java.util.concurrent.CompletableFuture;

/**
 * One MCP session over one transport: the unit a virtual user holds. Methods may be called from any thread;
 * futures complete on the session's event loop, never block it, and always complete: every wait has a deadline.
 * Failures complete the future exceptionally with an already classified {@link dev.mcpload.protocol.McpException}.
 */
public interface McpSession {
    /** initialize → notifications/initialized, with version negotiation. */
    CompletableFuture<InitializeResult> initialize();

    /**
     * Sends one request with the session's default timeout. Completes with the response; a tool result with
     * {@code isError: true} is a normal completion (see {@link IncomingMessage#isToolError()}); a JSON-RPC
     * error completes exceptionally with class {@code jsonrpc}.
     */
    CompletableFuture<IncomingMessage> request(RequestEncoder request);

    /** Like {@link #request(RequestEncoder)} with its own timeout. */
    CompletableFuture<IncomingMessage> request(RequestEncoder request, long timeoutMillis);

    /** Ends the session (DELETE, closing the stream, or ending the process). Never fails; bounded in time. */
    CompletableFuture<Void> close();

    /** The server-assigned session id, or null (stdio, stateless servers). */
    String sessionId();

    /** The negotiated protocol version, or null before initialize. */
    String protocolVersion();

    /** The transport this session actually uses (AUTO resolves on initialize). */
    TransportKind transport();
}
