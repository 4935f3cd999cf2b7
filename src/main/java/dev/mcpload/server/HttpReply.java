package dev.mcpload.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import tools.jackson.databind.JsonNode;

/**
 * The one HTTP response to one request on a keep-alive connection: either a full response or an event
 * stream. It owns the keep-alive decision and tells the connection when the response is complete, so the next
 * request on the connection is served after it (HTTP/1.1 answers in request order). Used on the connection's
 * event loop only.
 */
final class HttpReply {
    static final AsciiString MCP_SESSION_ID = AsciiString.cached("mcp-session-id");
    static final AsciiString TEXT_EVENT_STREAM = AsciiString.cached("text/event-stream");

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    /** HTTP/1.0 clients (ab, some proxies) only keep the connection when told so explicitly. */
    private final boolean announceKeepAlive;
    private final Runnable onComplete;
    private boolean complete;

    HttpReply(ChannelHandlerContext ctx, HttpRequest request, Runnable onComplete) {
        this.ctx = ctx;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.announceKeepAlive = keepAlive && request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.onComplete = onComplete;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    boolean isComplete() {
        return complete;
    }

    /** A JSON body ({@code application/json}); {@code sessionId} adds the Mcp-Session-Id header when not null. */
    void json(HttpResponseStatus status, JsonNode body, String sessionId) {
        checkNotComplete();
        FullHttpResponse response = fullResponse(status, JsonRpc.encode(ctx.alloc(), body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        if (sessionId != null) {
            response.headers().set(MCP_SESSION_ID, sessionId);
        }
        send(response);
    }

    /** A response without body, e.g. 202 Accepted or 405 (then with an Allow header). */
    void empty(HttpResponseStatus status, CharSequence headerName, CharSequence headerValue) {
        checkNotComplete();
        FullHttpResponse response = fullResponse(status, Unpooled.EMPTY_BUFFER);
        if (headerName != null) {
            response.headers().set(headerName, headerValue);
        }
        send(response);
    }

    void empty(HttpResponseStatus status) {
        empty(status, null, null);
    }

    /** Any complete response: status, content type (null for none), body, and extra headers as name, value pairs. */
    void full(HttpResponseStatus status, CharSequence contentType, ByteBuf body, CharSequence... headers) {
        checkNotComplete();
        FullHttpResponse response = fullResponse(status, body);
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.headers().set(headers[i], headers[i + 1]);
        }
        send(response);
    }

    void text(HttpResponseStatus status, String text) {
        checkNotComplete();
        FullHttpResponse response = fullResponse(status,
                ByteBufUtil.writeUtf8(ctx.alloc(), text));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        send(response);
    }

    /**
     * The request body as one JSON-RPC message; when it is not one, answers 400 with the JSON-RPC error (carrying
     * the message's id when it has a readable one) and returns null.
     */
    JsonRpc.Incoming messageOrBadRequest(ByteBuf body) {
        JsonNode message = null;
        try {
            message = JsonRpc.parse(body);
            return JsonRpc.Incoming.of(message);
        } catch (McpError e) {
            json(HttpResponseStatus.BAD_REQUEST, JsonRpc.error(JsonRpc.Incoming.idOf(message), e.code(),
                    e.getMessage()), null);
            return null;
        }
    }

    /** Starts a chunked {@code text/event-stream} (not flushed: the first events usually follow at once). */
    void startEventStream(String sessionId) {
        checkNotComplete();
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, TEXT_EVENT_STREAM);
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        if (sessionId != null) {
            headers.set(MCP_SESSION_ID, sessionId);
        }
        setConnection(headers);
        ctx.write(response, ctx.voidPromise());
    }

    /** Queues one framed event; see {@link SseWriter}. */
    void event(ByteBuf frame) {
        ctx.write(new DefaultHttpContent(frame), ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    /** Ends the event stream (last chunk); the connection then serves its next request. */
    void endEventStream() {
        checkNotComplete();
        finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    private FullHttpResponse fullResponse(HttpResponseStatus status, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        setConnection(response.headers());
        return response;
    }

    private void setConnection(HttpHeaders headers) {
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (announceKeepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    private void checkNotComplete() {
        if (complete) {
            throw new IllegalStateException("HTTP response already complete");
        }
    }

    private void send(FullHttpResponse response) {
        finish(ctx.writeAndFlush(response));
    }

    private void finish(ChannelFuture written) {
        complete = true;
        if (keepAlive) {
            onComplete.run();
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
