package dev.mcpload.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.ArrayDeque;

/**
 * Per connection: routes each request to its endpoint and keeps HTTP/1.1 response order. A request that
 * arrives (pipelined) while the previous response is still open — a {@code sleep} in progress, an SSE stream —
 * waits in a small queue until that response completes.
 */
final class HttpRouter extends ChannelInboundHandlerAdapter {
    /** More pipelined requests than this behind an open response is abuse, not a client: drop the connection. */
    private static final int MAX_QUEUED = 64;

    private final HttpMcpHandler mcp;
    /** Null in the modern era: no HTTP+SSE transport. */
    private final LegacySseHandler legacy;
    private ArrayDeque<FullHttpRequest> queued;
    private boolean busy;

    HttpRouter(HttpMcpHandler mcp, LegacySseHandler legacy) {
        this.mcp = mcp;
        this.legacy = legacy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!busy) {
            serve(ctx, request);
            return;
        }
        if (queued == null) {
            queued = new ArrayDeque<>(4);
        }
        if (queued.size() >= MAX_QUEUED) {
            request.release();
            ctx.close();
            return;
        }
        queued.add(request);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        HttpReply reply = new HttpReply(ctx, request, () -> next(ctx));
        try {
            route(request, reply);
        } catch (RuntimeException e) {
            // A bug in an endpoint; answer so the client does not hang, and drop the connection to be safe.
            if (!reply.isComplete()) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(
                        request.protocolVersion(), HttpResponseStatus.INTERNAL_SERVER_ERROR))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            request.release();
        }
    }

    /** Called when the current response is complete (on this connection's event loop). */
    private void next(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest request = queued == null ? null : queued.poll();
        if (request != null && ctx.channel().isActive()) {
            serve(ctx, request);
        } else if (request != null) {
            request.release();
        }
    }

    private void route(FullHttpRequest request, HttpReply reply) {
        if (request.decoderResult().isFailure()) {
            reply.text(HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request\n");
            return;
        }
        if (!originAllowed(request.headers().get(HttpHeaderNames.ORIGIN))) {
            // Spec, transports (security): an invalid Origin gets 403, against DNS rebinding from web pages.
            reply.json(HttpResponseStatus.FORBIDDEN,
                    JsonRpc.error(null, JsonRpc.SERVER_ERROR, "Forbidden: Origin is not a local address"), null);
            return;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        HttpMethod method = request.method();
        switch (path) {
            case "/mcp" -> mcp.handle(request, reply);
            case "/sse", "/messages" -> {
                if (legacy == null) {
                    reply.text(HttpResponseStatus.NOT_FOUND, "Not found. This server speaks MCP 2026-07-28 only "
                            + "(--era modern): POST /mcp; the legacy HTTP+SSE transport is not served\n");
                } else if (path.equals("/sse")) {
                    legacySse(method, reply);
                } else {
                    legacyMessages(request, method, reply);
                }
            }
            default -> reply.text(HttpResponseStatus.NOT_FOUND,
                    "Not found. MCP endpoint: /mcp (Streamable HTTP); legacy HTTP+SSE: GET /sse\n");
        }
    }

    private void legacySse(HttpMethod method, HttpReply reply) {
        if (method.equals(HttpMethod.GET)) {
            legacy.openStream(reply);
        } else {
            reply.empty(HttpResponseStatus.METHOD_NOT_ALLOWED, HttpHeaderNames.ALLOW, "GET");
        }
    }

    private void legacyMessages(FullHttpRequest request, HttpMethod method, HttpReply reply) {
        if (method.equals(HttpMethod.POST)) {
            legacy.post(request, reply);
        } else {
            reply.empty(HttpResponseStatus.METHOD_NOT_ALLOWED, HttpHeaderNames.ALLOW, "POST");
        }
    }

    /** Absent (non-browser clients) or a page served from this machine. */
    static boolean originAllowed(String origin) {
        if (origin == null) {
            return true;
        }
        try {
            String host = URI.create(origin).getHost();
            return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (queued != null) {
            queued.forEach(FullHttpRequest::release);
            queued.clear();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are routine under load (clients time out and leave): close quietly,
        // no per-connection logging.
        ctx.close();
    }
}
