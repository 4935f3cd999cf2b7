package dev.mcpload.server;

import dev.mcpload.protocol.ProtocolVersions;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one Streamable HTTP request gets its answer: as a JSON body, or as a short SSE stream. Lives on the
 * connection's event loop, where delayed tool work is scheduled too, so nothing here is shared.
 */
abstract class StreamableExchange implements Exchange {
    /** First protocol revision with the priming event; older clients may choke on an event with empty data. */
    private static final String PRIMING_SINCE = ProtocolVersions.V2025_11_25;

    final HttpReply reply;
    final Session session;
    /** The session this request (initialize) created, or null. */
    private final Session created;
    private final SessionRegistry sessions;
    /** A 2026-07-28 request: no session (null), and errors with their own HTTP status. */
    final boolean modern;

    StreamableExchange(HttpReply reply, Session session, Session created, SessionRegistry sessions, boolean modern) {
        this.reply = reply;
        this.session = session;
        this.created = created;
        this.sessions = sessions;
        this.modern = modern;
    }

    /** The HTTP status of {@code response}: 200, but for the modern errors the spec gives a status. */
    HttpResponseStatus status(ObjectNode response) {
        if (!modern) {
            return HttpResponseStatus.OK;
        }
        tools.jackson.databind.JsonNode error = response.get("error");
        return error == null ? HttpResponseStatus.OK : ModernHttp.status(error.path("code").asInt());
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return reply.ctx().executor();
    }

    /** Called when the dispatcher returned; the answer may still be pending (sleep). */
    abstract void dispatched();

    /**
     * The Mcp-Session-Id header to send with this answer: the new session's id when initialize succeeded. A
     * failed initialize must not leave a session behind, so it is forgotten here.
     */
    String sessionHeader(ObjectNode response) {
        if (created == null) {
            return null;
        }
        if (response.has("error")) {
            sessions.remove(created.id());
            return null;
        }
        return created.id();
    }

    /** {@code application/json}: one body, nothing before it, so notifications cannot be delivered. */
    static final class Json extends StreamableExchange {
        Json(HttpReply reply, Session session, Session created, SessionRegistry sessions, boolean modern) {
            super(reply, session, created, sessions, modern);
        }

        @Override
        public boolean canNotify() {
            return false;
        }

        @Override
        public void notify(ObjectNode notification) {
            // nowhere to put it: a JSON response holds exactly the one response message
        }

        @Override
        public void respond(ObjectNode response) {
            reply.json(status(response), response, sessionHeader(response));
        }

        @Override
        void dispatched() {
            // the response is written when it is ready
        }
    }

    /**
     * {@code text/event-stream}: priming event, notifications, the response, end of stream. A request answered
     * at once goes out in one flush; a pending one (sleep) gets its headers and priming event immediately so
     * the client sees the stream open.
     */
    static final class Sse extends StreamableExchange {
        private boolean started;
        private boolean answered;

        Sse(HttpReply reply, Session session, Session created, SessionRegistry sessions, boolean modern) {
            super(reply, session, created, sessions, modern);
        }

        @Override
        public boolean canNotify() {
            return true;
        }

        @Override
        public void notify(ObjectNode notification) {
            if (answered) {
                return;
            }
            start(null);
            reply.event(SseWriter.message(reply.alloc(), notification));
            reply.flush();
        }

        @Override
        public void respond(ObjectNode response) {
            answered = true;
            HttpResponseStatus status = started ? HttpResponseStatus.OK : status(response);
            if (status != HttpResponseStatus.OK) {
                // Answered before any event: a modern error keeps its HTTP status, as a plain JSON body.
                reply.json(status, response, null);
                return;
            }
            start(sessionHeader(response));
            reply.event(SseWriter.message(reply.alloc(), response));
            reply.endEventStream();
        }

        @Override
        void dispatched() {
            if (!answered) {
                start(null);
                reply.flush();
            }
        }

        private void start(String sessionId) {
            if (started) {
                return;
            }
            started = true;
            reply.startEventStream(sessionId);
            // Modern streams are not resumable (no Last-Event-ID): no priming event, no event ids.
            String version = session == null ? null : session.protocolVersion();
            if (version != null && version.compareTo(PRIMING_SINCE) >= 0) {
                reply.event(SseWriter.priming(reply.alloc(), session.nextEventId()));
            }
        }
    }
}
