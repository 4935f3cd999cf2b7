package dev.mcpload.transport.http;

import dev.mcpload.protocol.RequestEncoder;
import dev.mcpload.transport.ClientOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.List;
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
    private static final AsciiString ACCEPT_BOTH_VALUE = AsciiString.cached(ACCEPT_BOTH);
    private static final AsciiString SESSION_HEADER_NAME = AsciiString.cached(SESSION_HEADER);
    private static final AsciiString VERSION_HEADER_NAME = AsciiString.cached(VERSION_HEADER);
    private static final AsciiString USER_AGENT = AsciiString.cached("mcpload");

    private final URI url;
    private final String host;
    private final int port;
    private final AsciiString hostHeader;
    private final String urlPath;
    private final SslContext ssl;
    private final CharSequence[] userHeaders;
    /**
     * Where a request's headers are gathered before they are copied into an array of the exact length that
     * {@link ReadOnlyHttpHeaders} needs: one per event loop, so a request allocates one array, not two.
     */
    private final FastThreadLocal<CharSequence[]> scratch;
    private final int scratchRoom;
    private final Bootstrap template;
    private final int connectTimeoutMs;

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
        this.hostHeader = AsciiString.of(url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost());
        this.urlPath = pathOf(url);
        this.userHeaders = userHeaderPairs(options.headers());
        this.scratchRoom = 2 * (8 + userHeaders.length / 2); // 7 standard headers, 1 extra, the user's
        this.scratch = new FastThreadLocal<>() {
            @Override
            protected CharSequence[] initialValue() {
                return new CharSequence[scratchRoom];
            }
        };
        try {
            this.ssl = tls ? SslContextBuilder.forClient().build() : null;
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        // The connect deadline is ours, not Netty's CONNECT_TIMEOUT_MILLIS: Netty keeps its cancelled timer task
        // referenced from the channel until the channel closes (~100 B per connection, held by every session).
        this.connectTimeoutMs = options.connectTimeoutMs();
        this.template = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
    }

    public URI url() {
        return url;
    }

    /** Opens a connection on {@code loop}; the future's channel has an {@link HttpConnection} last. */
    ChannelFuture connect(EventLoop loop, URI target) {
        String label = target.toString();
        ChannelFuture f = template.clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (ssl != null) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                }
                ch.pipeline().addLast(new HttpClientCodec());
                ch.pipeline().addLast(new HttpConnection(label));
            }
        }).connect(host, port);
        if (connectTimeoutMs > 0 && !f.isDone() && f instanceof ChannelPromise p) {
            // What Netty's own connect timeout does, with a timer nothing references once it has run or been
            // cancelled (the listener list of a completed future is dropped).
            ScheduledFuture<?> timer = loop.schedule(() -> {
                if (p.tryFailure(new ConnectTimeoutException("connection timed out after " + connectTimeoutMs
                        + " ms: " + host + ":" + port))) {
                    p.channel().close();
                }
            }, connectTimeoutMs, TimeUnit.MILLISECONDS);
            f.addListener(done -> timer.cancel(false));
        }
        return f;
    }

    /** A request to {@code target} (same origin as the URL) with the standard and user headers set. */
    FullHttpRequest request(HttpMethod method, URI target, ByteBuf body, String sessionId, String version) {
        return request(method, target, body, sessionId, version, null, null, RequestEncoder.NO_HEADERS);
    }

    /** The same for a request's body from an encoder, with the headers it adds (none in the 2025 era). */
    FullHttpRequest request(HttpMethod method, URI target, ByteBuf body, String sessionId, String version,
                            List<RequestEncoder.Header> requestHeaders) {
        return request(method, target, body, sessionId, version, null, null, requestHeaders);
    }

    /** The same with one more header (e.g. {@code Last-Event-ID}). */
    FullHttpRequest request(HttpMethod method, URI target, ByteBuf body, String sessionId, String version,
                            CharSequence extraName, CharSequence extraValue) {
        return request(method, target, body, sessionId, version, extraName, extraValue, RequestEncoder.NO_HEADERS);
    }

    /**
     * The headers are a read-only array, built in one go: Netty's mutable headers cost a hashed entry per header
     * plus two 16-slot tables (headers and trailers) per request — the largest allocation of the hot path
     * (measured with JFR). Their names and values are mcpload's own constants, were validated once when the
     * endpoint was made, or come from a request encoder (protocol headers such as {@code Mcp-Method}).
     */
    private FullHttpRequest request(HttpMethod method, URI target, ByteBuf body, String sessionId, String version,
                                    CharSequence extraName, CharSequence extraValue,
                                    List<RequestEncoder.Header> requestHeaders) {
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : body;
        CharSequence[] h = scratch.get();
        int room = scratchRoom + 2 * requestHeaders.size();
        if (h.length < room) {
            h = new CharSequence[room];
            scratch.set(h);
        }
        int n = put(h, 0, HttpHeaderNames.HOST, hostHeader);
        n = put(h, n, HttpHeaderNames.USER_AGENT, USER_AGENT);
        if (method == HttpMethod.POST) {
            n = put(h, n, HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            n = put(h, n, HttpHeaderNames.ACCEPT, ACCEPT_BOTH_VALUE);
        } else if (method == HttpMethod.GET) {
            n = put(h, n, HttpHeaderNames.ACCEPT, HttpHeaderValues.TEXT_EVENT_STREAM);
        }
        if (body != null || method == HttpMethod.POST || method == HttpMethod.DELETE) {
            n = put(h, n, HttpHeaderNames.CONTENT_LENGTH, ContentLengths.of(content.readableBytes()));
        }
        if (sessionId != null) {
            n = put(h, n, SESSION_HEADER_NAME, sessionId);
        }
        if (version != null) {
            n = put(h, n, VERSION_HEADER_NAME, version);
        }
        if (extraName != null) { // e.g. Last-Event-ID: part of the protocol, never replaced by a user header
            h[n++] = extraName;
            h[n++] = extraValue;
        }
        for (int i = 0; i < requestHeaders.size(); i++) { // indexed: no iterator per request
            RequestEncoder.Header rh = requestHeaders.get(i);
            h[n++] = rh.name(); // part of the protocol as well
            h[n++] = rh.value();
        }
        System.arraycopy(userHeaders, 0, h, n, userHeaders.length);
        n += userHeaders.length;
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target == url ? urlPath : pathOf(target),
                content, new ReadOnlyHttpHeaders(false, java.util.Arrays.copyOf(h, n)), EmptyHttpHeaders.INSTANCE);
    }

    /** Adds a standard header unless the user gave one of that name (theirs is sent instead, as with set()). */
    private int put(CharSequence[] h, int n, CharSequence name, CharSequence value) {
        for (int i = 0; i < userHeaders.length; i += 2) {
            if (AsciiString.contentEqualsIgnoreCase(userHeaders[i], name)) {
                return n;
            }
        }
        h[n] = name;
        h[n + 1] = value;
        return n + 2;
    }

    private static String pathOf(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    /**
     * User headers as name/value pairs, checked once by Netty's validating headers (a bad name or value fails
     * here, with the header named, instead of on every request). A user header replaces a standard one of the
     * same name, as before: the standard one is left out.
     */
    private static CharSequence[] userHeaderPairs(Map<String, String> headers) {
        var check = new io.netty.handler.codec.http.DefaultHttpHeaders();
        for (Map.Entry<String, String> e : headers.entrySet()) {
            try {
                check.set(e.getKey(), e.getValue()); // names differing only in case fold into one, as HTTP says
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("header '" + e.getKey() + "' cannot be sent: " + ex.getMessage());
            }
        }
        CharSequence[] pairs = new CharSequence[check.size() * 2];
        int i = 0;
        var it = check.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            pairs[i++] = AsciiString.of(e.getKey());
            pairs[i++] = e.getValue();
        }
        return pairs;
    }
}
