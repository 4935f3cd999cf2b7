package dev.mcpload.server.fault;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.JsonNode;

/**
 * The one request a fault holds, as the server sees it, and what a fault may do with it. Implemented by the
 * server's HTTP endpoint; used on the connection's event loop only. A fault completes the response once: with
 * {@link #respond}, {@link #answer}, {@link #proceed} or an event stream it ends ({@link #endEventStream}); the
 * connection-level faults instead close the channel ({@link #ctx()}) or never answer.
 */
public interface FaultExchange {
    /** The JSON-RPC method, e.g. {@code tools/call}. */
    String method();

    /** The JSON-RPC id of the request (a string or integer node). */
    JsonNode id();

    /** Whether the client is answered with an SSE stream rather than a JSON body. */
    boolean sse();

    /** The connection, for faults that break it. */
    ChannelHandlerContext ctx();

    /** Where delayed work runs: the connection's event loop. */
    default ScheduledExecutorService scheduler() {
        return ctx().executor();
    }

    /**
     * A complete HTTP response: status, content type (null for none), body (released by the server) and extra
     * headers as name, value pairs.
     */
    void respond(HttpResponseStatus status, CharSequence contentType, ByteBuf body, CharSequence... headers);

    /** HTTP 200 carrying {@code message} as the JSON-RPC answer: a JSON body, or one SSE event when {@link #sse}. */
    void answer(ByteBuf message);

    /** Opens a {@code text/event-stream} response (headers only, not flushed). */
    void startEventStream();

    /** Writes one raw, already framed piece of an open event stream (not flushed). */
    void event(ByteBuf frame);

    /** Ends an open event stream properly (last chunk); the connection then serves its next request. */
    void endEventStream();

    /** The normal answer of the reference server. */
    void proceed();

    /** Forgets the request's session server-side, as an expiry does. */
    void endSession();

    /** Stops accepting connections, drops every connection and session, and comes back after {@code downMs}. */
    void restartServer(long downMs);
}
