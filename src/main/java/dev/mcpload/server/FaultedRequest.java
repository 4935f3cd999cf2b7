package dev.mcpload.server;

import dev.mcpload.server.fault.FaultExchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;

/**
 * A Streamable HTTP request held by the fault chain: what {@link FaultExchange} offers, on top of the request's
 * {@link HttpReply}. Only made when faults are configured.
 */
final class FaultedRequest implements FaultExchange {
    private static final byte[] EVENT_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final JsonRpc.Incoming message;
    /** Null for initialize: the session does not exist yet. */
    private final Session session;
    private final boolean sse;
    private final HttpReply reply;
    private final SessionRegistry sessions;
    private final LongConsumer restart;
    private final Runnable normal;

    FaultedRequest(JsonRpc.Incoming message, Session session, boolean sse, HttpReply reply, SessionRegistry sessions,
                   LongConsumer restart, Runnable normal) {
        this.message = message;
        this.session = session;
        this.sse = sse;
        this.reply = reply;
        this.sessions = sessions;
        this.restart = restart;
        this.normal = normal;
    }

    @Override
    public String method() {
        return message.method();
    }

    @Override
    public JsonNode id() {
        return message.id();
    }

    @Override
    public boolean sse() {
        return sse;
    }

    @Override
    public ChannelHandlerContext ctx() {
        return reply.ctx();
    }

    @Override
    public void respond(HttpResponseStatus status, CharSequence contentType, ByteBuf body, CharSequence... headers) {
        reply.full(status, contentType, body, headers);
    }

    @Override
    public void answer(ByteBuf json) {
        if (!sse) {
            reply.full(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON, json);
            return;
        }
        reply.startEventStream(null);
        reply.event(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(EVENT_PREFIX), json,
                Unpooled.wrappedBuffer(EVENT_END)));
        reply.endEventStream();
    }

    @Override
    public void startEventStream() {
        reply.startEventStream(null);
    }

    @Override
    public void event(ByteBuf frame) {
        reply.event(frame);
    }

    @Override
    public void endEventStream() {
        reply.endEventStream();
    }

    @Override
    public void proceed() {
        normal.run();
    }

    @Override
    public void endSession() {
        if (session != null) {
            sessions.remove(session.id());
        }
    }

    @Override
    public void restartServer(long downMs) {
        restart.accept(downMs);
    }
}
