package dev.mcpload.transport.http;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.transport.AbstractMcpSession;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The legacy HTTP+SSE transport of MCP 2024-11-05: a GET opens an event stream whose first event,
 * {@code endpoint}, names the URL to POST messages to; the server accepts each POST (202) and sends every
 * response on the stream. The stream is the session: when it drops, the next request opens a new one and
 * initializes again (counted as a re-initialization).
 */
public final class LegacySseSession extends AbstractMcpSession {
    private final HttpEndpoint endpoint;
    private final URI streamUrl;
    private final ConnectionPool pool;
    private HttpConnection streamConnection;
    private CompletableFuture<Void> streamReady;
    private boolean streamOpen;
    private volatile URI postUrl;
    private boolean everInitialized;
    private boolean reviving;
    private final List<Pending> waiting = new ArrayList<>();

    public LegacySseSession(HttpEndpoint endpoint, EventLoop loop, ClientOptions options, SessionListener listener) {
        super(loop, options, listener);
        this.endpoint = endpoint;
        this.streamUrl = endpoint.url();
        this.pool = new ConnectionPool(endpoint, loop);
    }

    @Override
    public TransportKind transport() {
        return TransportKind.SSE;
    }

    /** The session id the server put in the endpoint URL ({@code ?sessionId=...}), if any. */
    @Override
    public String sessionId() {
        URI u = postUrl;
        if (u == null || u.getRawQuery() == null) {
            return null;
        }
        for (String part : u.getRawQuery().split("&")) {
            if (part.startsWith("sessionId=") || part.startsWith("session_id=")) {
                return part.substring(part.indexOf('=') + 1);
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        loop.execute(() -> openStream().whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else {
                ready.complete(null);
            }
        }));
        return ready.thenCompose(v -> super.initialize()).thenApply(r -> {
            everInitialized = true;
            return r;
        });
    }

    // ---- the event stream ---------------------------------------------------------------------------------

    private CompletableFuture<Void> openStream() {
        if (streamReady != null && streamOpen) {
            return streamReady;
        }
        CompletableFuture<Void> ready = new CompletableFuture<>();
        streamReady = ready;
        streamOpen = true;
        postUrl = null;
        long deadline = options.connectTimeoutMs() + initializeTimeoutMs();
        var timer = loop.schedule(() -> ready.completeExceptionally(new McpException(ErrorClass.TIMEOUT,
                "GET " + streamUrl + ": no endpoint event within " + deadline + " ms")), deadline,
                TimeUnit.MILLISECONDS);
        ready.whenComplete((v, e) -> timer.cancel(false));
        pool.acquire(streamUrl, conn -> {
            streamConnection = conn;
            FullHttpRequest req = endpoint.request(HttpMethod.GET, streamUrl, null, null, null);
            conn.start(new MessageExchange("GET " + streamUrl, ready, new StreamSink(ready))
                    .limitedTo(options.maxMessageBytes()), req);
        }, e -> {
            streamOpen = false;
            ready.completeExceptionally(e);
        });
        return ready;
    }

    private final class StreamSink implements MessageExchange.Sink {
        private final CompletableFuture<Void> ready;

        StreamSink(CompletableFuture<Void> ready) {
            this.ready = ready;
        }

        @Override
        public void onOtherEvent(MessageExchange x, String type, String data) {
            if ("endpoint".equals(type) && !ready.isDone()) {
                postUrl = streamUrl.resolve(data.trim());
                ready.complete(null);
            }
        }

        @Override
        public void onMessage(MessageExchange x, IncomingMessage message) {
            dispatch(message);
        }

        @Override
        public void onEnd(MessageExchange x, HttpConnection connection, boolean reusable) {
            McpException why = x.status() != 200 || !x.isSse()
                    ? McpException.http(x.status(), x.description() + " answered HTTP " + x.status() + " "
                            + x.reason() + " (" + x.contentType() + "): " + x.bodySnippet())
                    : new McpException(ErrorClass.CONNECTION, "the event stream " + streamUrl
                            + " was closed by the server");
            streamClosed(why);
        }

        @Override
        public void onFailure(MessageExchange x, McpException failure) {
            streamClosed(failure);
        }

        private void streamClosed(McpException why) {
            if (ready != streamReady) {
                return; // an older stream
            }
            streamOpen = false;
            if (!ready.isDone()) {
                ready.completeExceptionally(why);
            }
            failAll(why);
        }
    }

    // ---- requests -------------------------------------------------------------------------------------------

    @Override
    protected void transmit(Pending p) {
        if (McpMethods.INITIALIZE.equals(p.method()) || (streamOpen && !reviving)) {
            post(p);
            return;
        }
        waiting.add(p);
        if (reviving) {
            return;
        }
        reviving = true;
        if (everInitialized) {
            listener.onSessionReinitialized();
        }
        initialize().whenComplete((r, e) -> {
            reviving = false;
            List<Pending> resend = new ArrayList<>(waiting);
            waiting.clear();
            for (Pending w : resend) {
                if (e != null) {
                    fail(w, McpException.classify(e));
                } else if (isPending(w)) {
                    post(w);
                }
            }
        });
    }

    private void post(Pending p) {
        URI target = postUrl;
        if (target == null) {
            fail(p, new McpException(ErrorClass.PROTOCOL, "GET " + streamUrl + " sent no endpoint event"));
            return;
        }
        pool.acquire(target, conn -> {
            if (!isPending(p)) {
                pool.release(conn);
                return;
            }
            p.transportState = conn;
            ByteBuf body = conn.channel().alloc().buffer(p.request.encodedLengthUpperBound());
            p.request.writeTo(body, p.id);
            conn.start(new MessageExchange("POST " + target + " (" + p.method() + ")", p, new PostSink(p))
                    .limitedTo(options.maxMessageBytes()),
                    endpoint.request(HttpMethod.POST, target, body, null, null, p.request.headers()));
        }, e -> fail(p, e));
    }

    /** A POST is only accepted here; its response comes on the stream (some servers also answer inline). */
    private final class PostSink implements MessageExchange.Sink {
        private final Pending pending;

        PostSink(Pending pending) {
            this.pending = pending;
        }

        @Override
        public void onMessage(MessageExchange x, IncomingMessage message) {
            dispatch(message);
        }

        @Override
        public void onEnd(MessageExchange x, HttpConnection conn, boolean reusable) {
            if (reusable) {
                pool.release(conn);
            }
            if (x.status() >= 200 && x.status() < 300) {
                if (x.status() == 200 && x.isJson() && x.bodyLength() > 0) {
                    try {
                        dispatch(x.scanBody());
                    } catch (McpException ignored) {
                        // an informational body such as "Accepted"; the response comes on the stream
                    }
                }
                return;
            }
            fail(pending, x.httpFailure());
        }

        @Override
        public void onFailure(MessageExchange x, McpException failure) {
            fail(pending, failure);
        }
    }

    @Override
    protected CompletableFuture<Void> transmitMessage(byte[] json) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            URI target = postUrl;
            if (target == null) {
                done.completeExceptionally(new McpException(ErrorClass.CONNECTION, "no open event stream"));
                return;
            }
            MessagePost.send(loop, pool, endpoint, target, json, null, null, initializeTimeoutMs(), this::dispatch,
                    done);
        });
        return done;
    }

    @Override
    protected CompletableFuture<Void> closeTransport() {
        // Closing the stream is how a legacy client ends its session.
        streamOpen = false;
        if (streamConnection != null) {
            streamConnection.abandon();
        }
        pool.closeAll();
        return CompletableFuture.completedFuture(null);
    }
}
