package dev.mcpload.server;

import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.server.fault.FaultChain;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.util.function.LongConsumer;

/**
 * The Streamable HTTP endpoint ({@code /mcp}, spec 2025-03-26 and later): POST carries one JSON-RPC message,
 * DELETE ends a session, GET opens the session's standalone event stream (held until DELETE, the session's expiry
 * or the client leaving; 405 with {@code --no-standalone-stream}). Shared by all connections; holds no
 * per-request state. With {@code --fault}, requests pass the fault chains first (the
 * legacy transport is never faulted); without, the chains are null and cost one check per request.
 */
final class HttpMcpHandler {
    static final AsciiString MCP_PROTOCOL_VERSION = AsciiString.cached("mcp-protocol-version");

    private final SessionRegistry sessions;
    private final McpDispatcher dispatcher;
    private final ResponseMode mode;
    /** Faults of initialize, and of every other request of a session; null when none is configured. */
    private final FaultChain initializeFaults;
    private final FaultChain requestFaults;
    private final LongConsumer restart;
    private final boolean standaloneStream;
    private final ServerEra era;
    /** The 2026-07-28 requests; null in the legacy era. */
    private final ModernHttp modern;
    /** For tests: every GET on /mcp, and the standalone streams open now. */
    final java.util.concurrent.atomic.AtomicInteger standaloneGets = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger standaloneOpen = new java.util.concurrent.atomic.AtomicInteger();

    HttpMcpHandler(SessionRegistry sessions, McpDispatcher dispatcher, ResponseMode mode, FaultChain initializeFaults,
                   FaultChain requestFaults, LongConsumer restart, boolean standaloneStream, ServerEra era) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.mode = mode;
        this.initializeFaults = initializeFaults;
        this.requestFaults = requestFaults;
        this.restart = restart;
        this.standaloneStream = standaloneStream;
        this.era = era;
        this.modern = era == ServerEra.LEGACY ? null
                : new ModernHttp(era, dispatcher, sessions, requestFaults, restart);
    }

    /** The modern era's subscriptions/listen streams; null in the legacy era. */
    ListenStreams listens() {
        return modern == null ? null : modern.listens;
    }

    void handle(FullHttpRequest request, HttpReply reply) {
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.POST) && modernOnlyPost(request.headers())) {
            // 2026-07-28 has no GET stream and no session to DELETE (spec, transports: backward compatibility).
            reply.empty(HttpResponseStatus.METHOD_NOT_ALLOWED, HttpHeaderNames.ALLOW, "POST");
            return;
        }
        if (method.equals(HttpMethod.POST)) {
            post(request, reply);
        } else if (method.equals(HttpMethod.DELETE)) {
            delete(request, reply);
        } else if (method.equals(HttpMethod.GET)) {
            get(request, reply);
        } else {
            reply.empty(HttpResponseStatus.METHOD_NOT_ALLOWED, HttpHeaderNames.ALLOW, "POST, DELETE");
        }
    }

    private void post(FullHttpRequest request, HttpReply reply) {
        HttpHeaders headers = request.headers();
        // Lenient Accept: the spec wants both types listed, but refusing clients that list one would only
        // make the reference server harder to test against. 406 only when neither is acceptable.
        String accept = headers.get(HttpHeaderNames.ACCEPT);
        boolean any = accept == null || accepts(accept, "*/*");
        boolean json = any || accepts(accept, "application/json") || accepts(accept, "application/*");
        boolean sse = any || accepts(accept, "text/event-stream") || accepts(accept, "text/*");
        if (!json && !sse) {
            reply.json(HttpResponseStatus.NOT_ACCEPTABLE, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                    "Not Acceptable: Accept must allow application/json or text/event-stream"), null);
            return;
        }
        // The configured mode, unless the client's Accept rules it out.
        boolean useSse = mode == ResponseMode.SSE ? sse : !json;
        String version = headers.get(MCP_PROTOCOL_VERSION);
        if (era == ServerEra.LEGACY && version != null && !ProtocolVersions.isSupported(version)) {
            unsupportedLegacyVersion(version, reply);
            return;
        }
        JsonRpc.Incoming message = reply.messageOrBadRequest(request.content());
        if (message == null) {
            return;
        }
        if (modern != null) {
            String sessionHeader = headers.get(HttpReply.MCP_SESSION_ID);
            if (era == ServerEra.MODERN || ModernHttp.claimsInDual(message, version, sessionHeader)) {
                modern.post(message, headers, useSse, reply);
                return;
            }
            if (version != null && !ProtocolVersions.isSupported(version)) {
                unsupportedLegacyVersion(version, reply);
                return;
            }
        }

        if (message.isRequest() && "initialize".equals(message.method())) {
            if (initializeFaults != null) {
                initializeFaults.handle(new FaultedRequest(message, null, useSse, reply, sessions, restart,
                        () -> initialize(message, useSse, reply)));
            } else {
                initialize(message, useSse, reply);
            }
            return;
        }
        String sessionId = headers.get(HttpReply.MCP_SESSION_ID);
        if (sessionId == null) {
            reply.json(HttpResponseStatus.BAD_REQUEST, JsonRpc.error(message.id(), JsonRpc.SERVER_ERROR,
                    "Bad Request: Mcp-Session-Id header is required (send initialize first)"), null);
            return;
        }
        Session session = sessions.get(sessionId);
        if (session == null) {
            reply.json(HttpResponseStatus.NOT_FOUND, JsonRpc.error(message.id(), JsonRpc.SESSION_NOT_FOUND,
                    "Session not found: it expired or was deleted; initialize a new one"), null);
            return;
        }
        switch (message.kind()) {
            case NOTIFICATION -> {
                dispatcher.notification(message, session);
                reply.empty(HttpResponseStatus.ACCEPTED);
            }
            // This server sends no requests, so a response from the client has nothing to match: accept it.
            case RESPONSE -> reply.empty(HttpResponseStatus.ACCEPTED);
            case REQUEST -> {
                if (requestFaults != null) {
                    requestFaults.handle(new FaultedRequest(message, session, useSse, reply, sessions, restart,
                            () -> dispatch(message, session, null, useSse, reply)));
                } else {
                    dispatch(message, session, null, useSse, reply);
                }
            }
        }
    }

    /** What a 2025-era server answers to a version it does not know (not a modern error: a client falls back). */
    private static void unsupportedLegacyVersion(String version, HttpReply reply) {
        reply.json(HttpResponseStatus.BAD_REQUEST, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                "Bad Request: unsupported MCP-Protocol-Version " + version + "; supported: "
                        + ProtocolVersions.SUPPORTED), null);
    }

    /**
     * A GET, DELETE or other non-POST request that only the modern era can be answering: every one in the modern
     * era, and in the dual era those whose MCP-Protocol-Version names no legacy version.
     */
    private boolean modernOnlyPost(HttpHeaders headers) {
        if (era == ServerEra.MODERN) {
            return true;
        }
        if (era == ServerEra.LEGACY) {
            return false;
        }
        String version = headers.get(MCP_PROTOCOL_VERSION);
        return version != null && !ProtocolVersions.isSupported(version) && headers.get(HttpReply.MCP_SESSION_ID) == null;
    }

    private void initialize(JsonRpc.Incoming message, boolean useSse, HttpReply reply) {
        Session session = sessions.create(null);
        if (session == null) {
            // 503 rather than a JSON-RPC error: the session ceiling is a capacity limit, which is what a
            // session-scale load test is looking for.
            reply.json(HttpResponseStatus.SERVICE_UNAVAILABLE, JsonRpc.error(message.id(), JsonRpc.SERVER_ERROR,
                    "Service Unavailable: session limit reached (maxSessions=" + sessions.maxSessions() + ")"),
                    null);
            return;
        }
        dispatch(message, session, session, useSse, reply);
    }

    private void dispatch(JsonRpc.Incoming message, Session session, Session created, boolean useSse,
                          HttpReply reply) {
        StreamableExchange exchange = useSse
                ? new StreamableExchange.Sse(reply, session, created, sessions, false)
                : new StreamableExchange.Json(reply, session, created, sessions, false);
        dispatcher.request(message, session, exchange);
        exchange.dispatched();
    }

    /** GET: the standalone stream of a session (spec, transports: "Listening for Messages from the Server"). */
    private void get(FullHttpRequest request, HttpReply reply) {
        standaloneGets.incrementAndGet();
        if (!standaloneStream) {
            reply.empty(HttpResponseStatus.METHOD_NOT_ALLOWED, HttpHeaderNames.ALLOW, "POST, DELETE");
            return;
        }
        HttpHeaders headers = request.headers();
        String accept = headers.get(HttpHeaderNames.ACCEPT);
        if (accept != null && !accepts(accept, "text/event-stream") && !accepts(accept, "*/*")
                && !accepts(accept, "text/*")) {
            reply.json(HttpResponseStatus.NOT_ACCEPTABLE, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                    "Not Acceptable: GET opens an event stream, Accept must allow text/event-stream"), null);
            return;
        }
        String version = headers.get(MCP_PROTOCOL_VERSION);
        if (version != null && !ProtocolVersions.isSupported(version)) {
            reply.json(HttpResponseStatus.BAD_REQUEST, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                    "Bad Request: unsupported MCP-Protocol-Version " + version), null);
            return;
        }
        String sessionId = headers.get(HttpReply.MCP_SESSION_ID);
        if (sessionId == null) {
            reply.json(HttpResponseStatus.BAD_REQUEST, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                    "Bad Request: Mcp-Session-Id header is required (send initialize first)"), null);
            return;
        }
        Session session = sessions.get(sessionId);
        if (session == null) {
            reply.json(HttpResponseStatus.NOT_FOUND, JsonRpc.error(null, JsonRpc.SESSION_NOT_FOUND,
                    "Session not found: it expired or was deleted; initialize a new one"), null);
            return;
        }
        var channel = reply.ctx().channel();
        Session.StandaloneStream[] self = new Session.StandaloneStream[1];
        Session.StandaloneStream stream = new Session.StandaloneStream(reply, channel, () -> {
            session.standaloneClosed(self[0]);
            standaloneOpen.decrementAndGet();
        });
        self[0] = stream;
        if (!session.openStandalone(stream)) {
            // As the TypeScript SDK server: one standalone stream per session, so no message goes out twice.
            reply.json(HttpResponseStatus.CONFLICT, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                    "Conflict: only one standalone SSE stream is allowed per session"), null);
            return;
        }
        standaloneOpen.incrementAndGet();
        stream.watch();
        // The response never completes on its own: it is the session's stream until DELETE or the client leaves.
        reply.startEventStream(null);
        String negotiated = session.protocolVersion();
        if (negotiated != null && negotiated.compareTo(ProtocolVersions.V2025_11_25) >= 0) {
            reply.event(SseWriter.priming(reply.alloc(), session.nextEventId()));
        }
        reply.flush();
    }

    private static boolean accepts(String accept, String mediaType) {
        return AsciiString.containsIgnoreCase(accept, mediaType);
    }

    private void delete(FullHttpRequest request, HttpReply reply) {
        String sessionId = request.headers().get(HttpReply.MCP_SESSION_ID);
        if (sessionId == null) {
            reply.json(HttpResponseStatus.BAD_REQUEST, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                    "Bad Request: Mcp-Session-Id header is required"), null);
        } else if (sessions.remove(sessionId) == null) {
            reply.json(HttpResponseStatus.NOT_FOUND, JsonRpc.error(null, JsonRpc.SESSION_NOT_FOUND,
                    "Session not found: " + sessionId), null);
        } else {
            reply.empty(HttpResponseStatus.OK);
        }
    }
}
