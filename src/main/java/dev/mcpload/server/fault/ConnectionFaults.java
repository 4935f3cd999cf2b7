package dev.mcpload.server.fault;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Faults of the connection and of HTTP framing: resets, early closes, interim responses, a restart. */
final class ConnectionFaults {
    private ConnectionFaults() {
    }

    /** The request is read, then the connection is reset (TCP RST, SO_LINGER 0) without a byte of answer. */
    static Fault reset(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            ChannelHandlerContext ctx = x.ctx();
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            ctx.close();
        };
    }

    /** 200 headers promising a 512-byte JSON body, then the connection closes before any of it. */
    static Fault closeAfterHeaders(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 512);
            x.ctx().writeAndFlush(head).addListener(ChannelFutureListener.CLOSE);
        };
    }

    /** An interim {@code 100 Continue} before the real answer, which HTTP clients must skip. */
    static Fault continueFirst(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            x.ctx().write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE),
                    x.ctx().voidPromise());
            next.run();
        };
    }

    /**
     * The server goes away and comes back: it stops listening, drops every connection and forgets every session
     * for {@code ms}, then listens on the same port again (a deploy, a crash and restart). A restart already under
     * way is not extended, but the request that hit it still loses its connection: left unanswered, it would wait
     * for its timeout instead (as it did, 1-2 requests in most runs of ServerFaultsTest).
     */
    static Fault restart(String param) {
        long ms = param == null ? 2_000 : FaultParams.durationMs(param);
        return (x, next) -> {
            x.restartServer(ms);
            x.ctx().close();
        };
    }
}
