package dev.mcpload.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deprecated HTTP+SSE transport of 2024-11-05, for clients that still speak it: {@code GET /sse} opens
 * the session's event stream and names the POST endpoint in an {@code endpoint} event; each POST to
 * {@code /messages?sessionId=...} is acknowledged with 202 and answered on the stream. The stream is the
 * session: closing it ends the session.
 */
final class LegacySseHandler {
    static final String MESSAGES_PATH = "/messages";

    private final SessionRegistry sessions;
    private final McpDispatcher dispatcher;

    LegacySseHandler(SessionRegistry sessions, McpDispatcher dispatcher) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
    }

    /** {@code GET /sse}: the response never completes; it is the session's stream until either side closes. */
    void openStream(HttpReply reply) {
        Channel stream = reply.ctx().channel();
        Session session = sessions.create(stream);
        if (session == null) {
            reply.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "Session limit reached (maxSessions=" + sessions.maxSessions() + ")\n");
            return;
        }
        stream.closeFuture().addListener(closed -> sessions.remove(session.id()));
        reply.startEventStream(null);
        reply.event(SseWriter.event(reply.alloc(), "endpoint", MESSAGES_PATH + "?sessionId=" + session.id()));
        reply.flush();
    }

    /** {@code POST /messages?sessionId=...}: 202 at once; any response travels on the session's stream. */
    void post(FullHttpRequest request, HttpReply reply) {
        List<String> ids = new QueryStringDecoder(request.uri()).parameters().get("sessionId");
        if (ids == null || ids.isEmpty()) {
            reply.json(HttpResponseStatus.BAD_REQUEST, JsonRpc.error(null, JsonRpc.SERVER_ERROR,
                    "Bad Request: sessionId query parameter is required"), null);
            return;
        }
        Session session = sessions.get(ids.get(0));
        if (session == null) {
            reply.json(HttpResponseStatus.NOT_FOUND, JsonRpc.error(null, JsonRpc.SESSION_NOT_FOUND,
                    "Session not found: the event stream was closed or the session expired"), null);
            return;
        }
        JsonRpc.Incoming message = reply.messageOrBadRequest(request.content());
        if (message == null) {
            return;
        }
        // Dispatch before acknowledging: completing the 202 lets this connection serve its next (pipelined)
        // POST, which must not overtake this one. An answer may thus reach the stream before the 202.
        switch (message.kind()) {
            case NOTIFICATION -> dispatcher.notification(message, session);
            case RESPONSE -> { } // this server sends no requests, so there is nothing to match
            case REQUEST -> dispatcher.request(message, session, new StreamExchange(session.legacyStream()));
        }
        reply.empty(HttpResponseStatus.ACCEPTED);
    }

    /**
     * Answers on the session's GET stream. Safe from any thread: Netty hands writes to the stream's own event
     * loop, in order, and delayed tool work is scheduled on that loop too.
     */
    private record StreamExchange(Channel stream) implements Exchange {
        @Override
        public boolean canNotify() {
            return true;
        }

        @Override
        public void notify(ObjectNode notification) {
            send(notification);
        }

        @Override
        public void respond(ObjectNode response) {
            send(response);
        }

        private void send(ObjectNode message) {
            if (stream.isActive()) {
                stream.writeAndFlush(new DefaultHttpContent(SseWriter.message(stream.alloc(), message)),
                        stream.voidPromise());
            }
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return stream.eventLoop();
        }
    }
}
