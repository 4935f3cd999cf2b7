package dev.mcpload.transport.http;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.ModernEnvelope;
import dev.mcpload.protocol.ModernErrors;
import dev.mcpload.protocol.RequestEncoder;
import dev.mcpload.protocol.RequestTemplate;
import dev.mcpload.transport.AbstractMcpSession;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.ModernRequests;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Streamable HTTP in the modern era (MCP 2026-07-28): stateless. No initialize and no session id: every POST
 * carries the version in {@code _meta} and in {@code MCP-Protocol-Version}, with {@code Mcp-Method} and
 * {@code Mcp-Name} mirrored from the body (encoded once per request template, see
 * {@link RequestTemplate#modern}). A "session" here is what a modern client holds: its connections and what it
 * learned from {@code server/discover}, its first contact, which {@link #initialize()} sends in place of the
 * handshake. No standalone GET stream, no resumption, no DELETE; cancelling a request is closing its connection.
 */
public final class ModernHttpSession extends AbstractMcpSession {
    private final HttpEndpoint endpoint;
    private final URI url;
    private final ConnectionPool pool;
    private final ModernEnvelope envelope;
    private final ReplySink sink = new ReplySink();

    private final java.util.concurrent.atomic.AtomicBoolean serverHasNoListen;

    public ModernHttpSession(HttpEndpoint endpoint, EventLoop loop, ClientOptions options, SessionListener listener,
                             ModernEnvelope envelope) {
        this(endpoint, loop, options, listener, envelope, new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** @param serverHasNoListen shared by a client's sessions: the server refused subscriptions/listen once */
    public ModernHttpSession(HttpEndpoint endpoint, EventLoop loop, ClientOptions options, SessionListener listener,
                             ModernEnvelope envelope, java.util.concurrent.atomic.AtomicBoolean serverHasNoListen) {
        super(loop, options, listener);
        this.serverHasNoListen = serverHasNoListen;
        this.endpoint = endpoint;
        this.url = endpoint.url();
        this.pool = new ConnectionPool(endpoint, loop);
        this.envelope = envelope;
        this.protocolVersion = envelope.version(); // known before the first request: nothing to negotiate
    }

    @Override
    public String sessionId() {
        return null;
    }

    @Override
    public TransportKind transport() {
        return TransportKind.STREAMABLE_HTTP;
    }

    /**
     * {@code server/discover} instead of the handshake: the server must implement it, and it says which versions
     * it serves. A server that does not list this client's version fails here, with the versions it named.
     */
    @Override
    public CompletableFuture<InitializeResult> initialize() {
        return ModernRequests.discover((r, t) -> super.request(r, t), envelope, initializeTimeoutMs())
                .thenApply(m -> ModernRequests.acceptDiscover(m, envelope, target(), transport()))
                .thenApply(r -> {
                    openListen();
                    return r;
                });
    }

    // ---- subscriptions/listen: the era's standalone stream ---------------------------------------------------

    /** The filter a client that shows tools, prompts and resources asks for: every list change. */
    private static final RequestTemplate LISTEN = RequestTemplate.of(McpMethods.SUBSCRIPTIONS_LISTEN,
            dev.mcpload.protocol.Json.object().set("notifications", dev.mcpload.protocol.Json.object()
                    .put("toolsListChanged", true).put("promptsListChanged", true).put("resourcesListChanged", true)));
    /** A listen stream lasts the session's life: its deadline is only a bound. */
    private static final long LISTEN_TIMEOUT_MS = java.util.concurrent.TimeUnit.DAYS.toMillis(7);
    private static final String ACKNOWLEDGED = "notifications/subscriptions/acknowledged";

    private volatile StandaloneStreamState listen = StandaloneStreamState.NOT_OPENED;

    /** Where this session's subscriptions/listen stream is (for tests and reports). */
    public StandaloneStreamState listenStream() {
        return listen;
    }

    /**
     * With {@code standalone_stream} on, the session holds a {@code subscriptions/listen} stream for its life, as a
     * host that shows lists does (2026-07-28, basic/patterns/subscriptions): a long-lived POST whose SSE reply
     * carries the list-changed notifications, counted like any other. It costs the server a connection and a
     * subscription per client, which is what it is here to measure. Not a measured request; a server without it
     * (an error answer) is remembered for the client, so later sessions do not ask again.
     */
    private void openListen() {
        if (!options.standaloneStream()) {
            listen = StandaloneStreamState.DISABLED;
            return;
        }
        if (serverHasNoListen.get()) {
            listen = StandaloneStreamState.ABSENT;
            return;
        }
        listen = StandaloneStreamState.OPENING;
        super.request(LISTEN.modern(envelope), LISTEN_TIMEOUT_MS).whenComplete((m, e) -> {
            if (e != null && listen == StandaloneStreamState.OPENING) {
                McpException f = McpException.classify(e);
                boolean none = f.refusedAsUnknown()
                        || f.errorClass() == ErrorClass.JSONRPC && f.jsonRpcCode() == ModernErrors.METHOD_NOT_FOUND;
                if (none) {
                    serverHasNoListen.set(true); // refused as unknown before it opened: this server has none
                    listen = StandaloneStreamState.ABSENT;
                    return;
                }
                if (!closed) { // the session's own close fails it too: that is not a failure to open
                    listener.onStreamFailed(McpMethods.SUBSCRIPTIONS_LISTEN + ": " + f.getMessage());
                }
            }
            listen = StandaloneStreamState.ENDED;
        });
    }

    /** Every request goes out in the modern form, its input_required round trips answered ({@link ModernRequests#request}). */
    @Override
    public CompletableFuture<IncomingMessage> request(RequestEncoder request, long timeoutMillis) {
        return ModernRequests.request(request, timeoutMillis, envelope, options.inputAnswers(),
                (r, t) -> super.request(r, t));
    }

    @Override
    protected void transmit(Pending p) {
        java.util.function.Consumer<HttpConnection> send = conn -> {
            if (!isPending(p)) {
                pool.release(conn);
                return;
            }
            p.attempts++;
            p.transportState = conn;
            ByteBuf body = conn.channel().alloc().buffer(p.request.encodedLengthUpperBound());
            p.request.writeTo(body, p.id);
            FullHttpRequest req = endpoint.request(HttpMethod.POST, url, body, null, protocolVersion,
                    p.request.headers());
            conn.start(new MessageExchange("POST", url, p.method(), p, sink).limitedTo(options.maxMessageBytes()),
                    req);
        };
        if (McpMethods.SUBSCRIPTIONS_LISTEN.equals(p.method())) {
            // a listen stream takes a connection of its own, so the warm one stays for requests (as the GET stream)
            pool.acquireNew(url, send, e -> fail(p, e));
        } else {
            pool.acquire(url, send, e -> fail(p, e));
        }
    }

    /** Closing the response stream is the cancellation (spec, 2026-07-28: no notifications/cancelled on HTTP). */
    @Override
    protected void abandon(Pending p) {
        if (p.transportState instanceof HttpConnection conn
                && conn.currentExchange() instanceof MessageExchange x && x.tag == p) {
            conn.abandon();
        }
    }

    /** The era defines no client notifications on HTTP and servers send no requests: nothing to send. */
    @Override
    protected CompletableFuture<Void> transmitMessage(byte[] json) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    protected CompletableFuture<Void> closeTransport() {
        pool.closeAll(); // no session to end on the server
        return CompletableFuture.completedFuture(null);
    }

    /** Replies to requests: a JSON body or a request-scoped SSE stream, or an error status with a JSON-RPC body. */
    private final class ReplySink implements MessageExchange.Sink {
        @Override
        public void onMessage(MessageExchange x, IncomingMessage m) {
            Pending p = (Pending) x.tag;
            if (m.kind() == IncomingMessage.Kind.NOTIFICATION && ACKNOWLEDGED.equals(m.method())
                    && McpMethods.SUBSCRIPTIONS_LISTEN.equals(p.method())) {
                listen = StandaloneStreamState.OPEN; // the stream's first message: protocol, not news
                return;
            }
            if (m.kind() != IncomingMessage.Kind.NOTIFICATION && m.kind() != IncomingMessage.Kind.REQUEST
                    && m.id() == p.id) {
                x.ownResponse = m;
                loop.execute(() -> complete(p, m)); // after the read: the connection is back in the pool first
                return;
            }
            dispatch(m); // request-scoped notifications (progress, logging)
        }

        @Override
        public void onEnd(MessageExchange x, HttpConnection conn, boolean reusable) {
            Pending p = (Pending) x.tag;
            if (reusable) {
                pool.release(conn);
            }
            int status = x.status();
            if (status == 200 && x.isSse()) {
                if (x.ownResponse == null && isPending(p)) {
                    fail(p, new McpException(ErrorClass.PROTOCOL, x.description()
                            + ": the SSE stream ended without a response to request " + p.id
                            + " (2026-07-28 streams are not resumable)"));
                }
            } else if (x.isJson() && (status == 200 || status >= 400)) {
                IncomingMessage m;
                try {
                    m = x.scanBody();
                } catch (McpException e) {
                    fail(p, status == 200 ? new McpException(ErrorClass.PROTOCOL, x.description() + ": "
                            + e.getMessage()) : x.httpFailure());
                    return;
                }
                if (m.kind() == IncomingMessage.Kind.ERROR && status >= 400) {
                    // A modern server answers its errors with a status and a JSON-RPC error body (400 for a
                    // header mismatch, an unsupported version or a missing capability, 404 for an unknown
                    // method): the JSON-RPC error is what it said, so it is classed jsonrpc, with its code.
                    fail(p, McpException.jsonRpc(m.errorCode(), p.method() + " failed: JSON-RPC error "
                            + m.errorCode() + ": " + m.errorMessage() + " (HTTP " + status + ")", status,
                            ModernErrors.supportedVersions(m)));
                } else if (status >= 400) {
                    fail(p, x.httpFailure());
                } else if (m.kind() != IncomingMessage.Kind.NOTIFICATION && m.kind() != IncomingMessage.Kind.REQUEST
                        && m.id() == p.id) {
                    complete(p, m);
                } else {
                    fail(p, new McpException(ErrorClass.PROTOCOL, x.description() + " answered with "
                            + (m.rawId() == null ? "a message without id" : "id " + m.rawId())
                            + " instead of a response to id " + p.id));
                }
            } else if (status == 200) {
                fail(p, new McpException(ErrorClass.PROTOCOL, x.description() + " answered with content type '"
                        + x.contentType() + "' (expected application/json or text/event-stream): "
                        + x.bodySnippet()));
            } else if (status >= 200 && status < 300) {
                fail(p, new McpException(ErrorClass.PROTOCOL, x.description() + " answered HTTP " + status
                        + " without a response to the request"));
            } else {
                fail(p, x.httpFailure());
            }
        }

        @Override
        public void onFailure(MessageExchange x, McpException failure) {
            fail((Pending) x.tag, failure);
        }
    }
}
