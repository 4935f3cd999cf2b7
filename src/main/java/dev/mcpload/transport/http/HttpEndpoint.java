package dev.mcpload.transport.http;

import dev.mcpload.transport.ClientOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Where an HTTP transport connects and how its requests look: host, port, TLS, path, and the headers every
 * request carries. Shared, immutable, by all sessions of a client; connections are made on the caller's loop.
 */
public final class HttpEndpoint {
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String ACCEPT_BOTH = "application/json, text/event-stream";

    private final URI url;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final SslContext ssl;
    private final Map<String, String> headers;
    private final Bootstrap template;

    public HttpEndpoint(ClientOptions options, EventLoopGroup group) {
        this.url = options.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' has no host");
        }
        boolean tls = scheme.equals("https");
        this.host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
        this.hostHeader = url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
        this.headers = options.headers();
        try {
            this.ssl = tls ? SslContextBuilder.forClient().build() : null;
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        this.template = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.connectTimeoutMs());
    }

    public URI url() {
        return url;
    }

    /** Opens a connection on {@code loop}; the future's channel has an {@link HttpConnection} last. */
    ChannelFuture connect(EventLoop loop, URI target) {
        String label = target.toString();
        return template.clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                }
                ch.pipeline().addLast(new HttpClientCodec());
                ch.pipeline().addLast(new HttpConnection(label));
            }
        }).connect(host, port);
    }

    /** A request to {@code target} (same origin as the URL) with the standard and user headers set. */
    FullHttpRequest request(HttpMethod method, URI target, ByteBuf body, String sessionId, String version) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (target.getRawQuery() != null) {
            path += "?" + target.getRawQuery();
        }
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : body;
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path, content);
        var h = req.headers();
        h.set(HttpHeaderNames.HOST, hostHeader);
        h.set(HttpHeaderNames.USER_AGENT, "mcpload");
        if (method == HttpMethod.POST) {
            h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            h.set(HttpHeaderNames.ACCEPT, ACCEPT_BOTH);
        } else if (method == HttpMethod.GET) {
            h.set(HttpHeaderNames.ACCEPT, HttpHeaderValues.TEXT_EVENT_STREAM);
        }
        if (body != null || method == HttpMethod.POST || method == HttpMethod.DELETE) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        if (sessionId != null) {
            h.set(SESSION_HEADER, sessionId);
        }
        if (version != null) {
            h.set(VERSION_HEADER, version);
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        return req;
    }
}
