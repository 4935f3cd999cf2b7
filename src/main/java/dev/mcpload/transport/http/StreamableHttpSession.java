package dev.mcpload.transport.http;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.transport.AbstractMcpSession;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Streamable HTTP (MCP 2025-03-26 and later): every message is a POST; a request's reply is a JSON body or an
 * SSE stream that may carry notifications before the response; the session id from initialize goes on every
 * later request; DELETE ends the session. A session the server forgot (404, or 400 naming the session, as the
 * TypeScript SDK answers) is initialized again and the request resent, transparently but counted.
 *
 * <p>After {@code notifications/initialized} the session opens the standalone GET event stream on a connection of
 * its own, as the official SDK clients do, and holds it until it closes: servers see the connections real
 * clients hold, and what they send on it (notifications, requests) is delivered and answered like the rest.
 */
public final class StreamableHttpSession extends AbstractMcpSession {
    private static final int MAX_RESUMES = 5;
    private static final int MAX_ATTEMPTS = 3;
    private static final io.netty.util.AsciiString LAST_EVENT_ID = io.netty.util.AsciiString.cached("Last-Event-ID");

    private final HttpEndpoint endpoint;
    private final URI url;
    private final ConnectionPool pool;
    private final RequestSink requestSink = new RequestSink();
    private volatile String sessionId;
    private boolean reinitializing;
    private final List<Pending> waiting = new ArrayList<>();
    private final StandaloneStream stream;

    public StreamableHttpSession(HttpEndpoint endpoint, EventLoop loop, ClientOptions options,
                                 SessionListener listener) {
        this(endpoint, loop, options, listener, new AtomicBoolean());
    }

    /**
     * @param serverHasNoStream shared by the sessions of one client: set when the server answered the
     *                          standalone GET with 405 (or 404/400), so later sessions do not ask again
     */
    public StreamableHttpSession(HttpEndpoint endpoint, EventLoop loop, ClientOptions options,
                                 SessionListener listener, AtomicBoolean serverHasNoStream) {
        super(loop, options, listener);
        this.endpoint = endpoint;
        this.url = endpoint.url();
        this.pool = new ConnectionPool(endpoint, loop);
        this.stream = new StandaloneStream(serverHasNoStream);
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public TransportKind transport() {
        return TransportKind.STREAMABLE_HTTP;
    }

    /**
     * Connections opened so far; a session sending one request at a time keeps this at 1 or 2, plus one for its
     * standalone stream.
     */
    public int connectionsOpened() {
        return pool.openedCount();
    }

    /** Where the standalone GET event stream is (for tests and reports); read from any thread. */
    public StandaloneStreamState standaloneStream() {
        return stream.state;
    }

    /** How many times the standalone stream was opened (200 with an event stream): 1, or 2 after a reopen. */
    public int standaloneStreamOpens() {
        return stream.opens;
    }

    // ---- requests -------------------------------------------------------------------------------------------

    @Override
    protected void transmit(Pending p) {
        if (reinitializing && !isInitialize(p)) {
            waiting.add(p);
            return;
        }
        post(p);
    }

    private void post(Pending p) {
        pool.acquire(url, conn -> {
            if (!isPending(p)) {
                pool.release(conn);
                return;
            }
            boolean init = isInitialize(p);
            if (reinitializing && !init) {
                // The session was found expired while this connection opened: the request would go out without
                // a session id. It waits for the new session like the requests that arrive now.
                pool.release(conn);
                waiting.add(p);
                return;
            }
            p.attempts++;
            p.transportState = conn;
            ByteBuf body = conn.channel().alloc().buffer(p.request.encodedLengthUpperBound());
            p.request.writeTo(body, p.id);
            FullHttpRequest req = endpoint.request(HttpMethod.POST, url, body, init ? null : sessionId,
                    init ? null : protocolVersion, p.request.headers());
            MessageExchange x = new MessageExchange("POST", url, p.method(), p, requestSink)
                    .limitedTo(options.maxMessageBytes());
            x.sessionIdSent = init ? null : sessionId;
            conn.start(x, req);
        }, e -> fail(p, e));
    }

    @Override
    protected void abandon(Pending p) {
        if (p.transportState instanceof HttpConnection conn
                && conn.currentExchange() instanceof MessageExchange x && x.tag == p) {
            conn.abandon(); // the reply may still come; the connection cannot carry anything else meanwhile
        }
    }

    /** Handles replies to requests: JSON bodies, SSE streams, and every status a server may answer. */
    private final class RequestSink implements MessageExchange.Sink {
        @Override
        public void onHead(MessageExchange x, HttpResponse head) {
            Pending p = (Pending) x.tag;
            if (isInitialize(p) && x.status() == 200) {
                String id = head.headers().get(HttpEndpoint.SESSION_HEADER);
                sessionId = id; // absent for stateless servers
            }
        }

        @Override
        public void onMessage(MessageExchange x, IncomingMessage m) {
            Pending p = (Pending) x.tag;
            if (m.kind() != IncomingMessage.Kind.NOTIFICATION && m.kind() != IncomingMessage.Kind.REQUEST
                    && m.id() == p.id) {
                // Deliver after the current read: if the stream's end is in the same packet, the connection
                // is back in the pool before the caller sends its next request.
                x.ownResponse = m;
                loop.execute(() -> complete(p, m));
                return;
            }
            dispatch(m);
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
                    resumeOrFail(p, x);
                }
            } else if (status == 200 && x.isJson()) {
                IncomingMessage m;
                try {
                    m = x.scanBody();
                } catch (McpException e) {
                    fail(p, new McpException(ErrorClass.PROTOCOL, x.description() + ": " + e.getMessage()));
                    return;
                }
                if (m.kind() != IncomingMessage.Kind.NOTIFICATION && m.kind() != IncomingMessage.Kind.REQUEST
                        && m.id() == p.id) {
                    complete(p, m);
                } else {
                    dispatch(m);
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
            } else if (isSessionGone(x) && !isInitialize(p) && x.sessionIdSent != null) {
                onSessionExpired(p, x.sessionIdSent);
            } else {
                fail(p, x.httpFailure());
            }
        }

        @Override
        public void onFailure(MessageExchange x, McpException failure) {
            fail((Pending) x.tag, failure);
        }
    }

    /** The reply stream ended before the response: resume it with GET and Last-Event-ID, as the spec allows. */
    private void resumeOrFail(Pending p, MessageExchange x) {
        String lastId = x.lastEventId();
        if (lastId == null || p.attempts >= MAX_RESUMES) {
            fail(p, new McpException(ErrorClass.PROTOCOL, x.description()
                    + ": the SSE stream ended without a response to request " + p.id));
            return;
        }
        long delay = Math.max(0, x.retryMillis());
        loop.schedule(() -> {
            if (!isPending(p)) {
                return;
            }
            p.attempts++;
            pool.acquire(url, conn -> {
                if (!isPending(p)) {
                    pool.release(conn);
                    return;
                }
                p.transportState = conn;
                FullHttpRequest req = endpoint.request(HttpMethod.GET, url, null, sessionId, protocolVersion,
                        LAST_EVENT_ID, lastId);
                MessageExchange resumed = new MessageExchange("GET", url, p.method() + " resumed after event "
                        + lastId, p, requestSink).limitedTo(options.maxMessageBytes());
                resumed.resumes(x);
                resumed.sessionIdSent = sessionId;
                conn.start(resumed, req);
            }, e -> fail(p, e));
        }, delay, TimeUnit.MILLISECONDS);
    }

    private static boolean isSessionGone(MessageExchange x) {
        if (x.status() == 404) {
            return true;
        }
        // The TypeScript SDK answers 400 "Bad Request: No valid session ID provided" for a forgotten session.
        return x.status() == 400 && x.bodyText().toLowerCase(java.util.Locale.ROOT).contains("session");
    }

    /** {@code rejectedId} is the session id the rejected request carried. */
    private void onSessionExpired(Pending p, String rejectedId) {
        if (p.attempts >= MAX_ATTEMPTS) {
            fail(p, McpException.http(404, "POST " + url + " (" + p.method()
                    + "): the server keeps rejecting the session even after re-initializing"));
            return;
        }
        if (!reinitializing && !rejectedId.equals(sessionId)) {
            // Sent before a re-initialization that has finished since: the new session is already there.
            post(p);
            return;
        }
        waiting.add(p);
        if (reinitializing) {
            return;
        }
        reinitializing = true;
        sessionId = null;
        listener.onSessionReinitialized();
        initialize().whenComplete((result, error) -> {
            reinitializing = false;
            List<Pending> resend = new ArrayList<>(waiting);
            waiting.clear();
            for (Pending w : resend) {
                if (!isPending(w)) {
                    continue;
                }
                if (error != null) {
                    McpException e = McpException.classify(error);
                    fail(w, new McpException(e.errorClass(), "re-initializing the expired session failed: "
                            + e.getMessage()));
                } else {
                    post(w);
                }
            }
        });
    }

    // ---- notifications and answers ------------------------------------------------------------------------

    @Override
    protected CompletableFuture<Void> transmitMessage(byte[] json) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (loop.inEventLoop()) {
            postMessage(json, done);
        } else {
            loop.execute(() -> postMessage(json, done));
        }
        return done;
    }

    private void postMessage(byte[] json, CompletableFuture<Void> done) {
        MessagePost.send(loop, pool, endpoint, url, json, sessionId, protocolVersion, initializeTimeoutMs(),
                this::dispatch, done);
    }

    // ---- the standalone event stream ----------------------------------------------------------------------------

    @Override
    protected void onInitialized() {
        if (loop.inEventLoop()) {
            stream.start();
        } else {
            loop.execute(stream::start);
        }
    }

    /**
     * The session's GET stream (spec, transports: "Listening for Messages from the Server"). Per session, never
     * per request: nothing here is on the request path. All on the loop.
     */
    private final class StandaloneStream implements MessageExchange.Sink {
        /** An EventSource waits a few seconds; the TypeScript SDK client 1 s. Bounds a server's own retry. */
        private static final long DEFAULT_REOPEN_MS = 1_000;
        private static final long MIN_REOPEN_MS = 100;
        private static final long MAX_REOPEN_MS = 30_000;

        private final AtomicBoolean serverHasNoStream;
        private MessageExchange current;
        private HttpConnection connection;
        private ScheduledFuture<?> reopenTimer;
        /** The one reopen a session gets: a server that keeps dropping the stream is not asked again and again. */
        private boolean reopened;
        private String lastEventId;
        private long retryMillis = -1;
        volatile StandaloneStreamState state = StandaloneStreamState.NOT_OPENED;
        volatile int opens;

        StandaloneStream(AtomicBoolean serverHasNoStream) {
            this.serverHasNoStream = serverHasNoStream;
        }

        /** After each (re-)initialization: a stream of an earlier session id is dropped, a fresh one opened. */
        void start() {
            drop();
            if (closed) {
                return;
            }
            if (!options.standaloneStream()) {
                state = StandaloneStreamState.DISABLED;
                return;
            }
            if (serverHasNoStream.get()) {
                state = StandaloneStreamState.ABSENT;
                return;
            }
            reopened = false;
            lastEventId = null;
            retryMillis = -1;
            open(false);
        }

        private void open(boolean resume) {
            state = StandaloneStreamState.OPENING;
            String sid = sessionId;
            pool.acquireNew(url, conn -> {
                if (closed || !java.util.Objects.equals(sid, sessionId)) {
                    conn.close(); // the session closed or was initialized again while this connected
                    return;
                }
                FullHttpRequest req = resume && lastEventId != null
                        ? endpoint.request(HttpMethod.GET, url, null, sid, protocolVersion, LAST_EVENT_ID,
                                lastEventId)
                        : endpoint.request(HttpMethod.GET, url, null, sid, protocolVersion);
                MessageExchange x = new MessageExchange("GET", url, "standalone event stream", resume, this)
                        .limitedTo(options.maxMessageBytes());
                x.sessionIdSent = sid;
                current = x;
                connection = conn;
                conn.start(x, req);
            }, e -> {
                if (!closed) {
                    listener.onStreamFailed("standalone GET stream: " + e.getMessage()); // could not connect
                }
                lost();
            });
        }

        @Override
        public void onHead(MessageExchange x, HttpResponse head) {
            if (x == current && x.status() == 200 && x.isSse()) {
                state = StandaloneStreamState.OPEN;
                opens++;
            }
        }

        @Override
        public void onMessage(MessageExchange x, IncomingMessage m) {
            if (x == current) {
                dispatch(m); // notifications to the listener, requests answered
            }
        }

        @Override
        public void onEnd(MessageExchange x, HttpConnection conn, boolean reusable) {
            if (x != current) {
                conn.close();
                return;
            }
            current = null;
            connection = null;
            remember(x);
            int status = x.status();
            if (reusable && !(status == 200 && x.isSse())) {
                pool.release(conn); // a short refusal read whole: the connection is as good as any
            } else {
                conn.close();
            }
            boolean resumed = (Boolean) x.tag;
            if (!resumed && (status == 405 || status == 404 || status == 400)) {
                // The server has no standalone stream (405 is the spec's answer; some answer 404 or 400 on
                // GET): fine, no error, and the other sessions of this client need not ask.
                serverHasNoStream.set(true);
                state = StandaloneStreamState.ABSENT;
                return;
            }
            lost(); // ended by the server, or refused in another way
        }

        @Override
        public void onFailure(MessageExchange x, McpException failure) {
            if (x != current) {
                return;
            }
            current = null;
            connection = null; // the connection closes itself on every failure path
            remember(x);
            if (state == StandaloneStreamState.OPENING && !closed) {
                listener.onStreamFailed("standalone GET stream: " + failure.getMessage());
            }
            lost();
        }

        private void remember(MessageExchange x) {
            if (x.lastEventId() != null) {
                lastEventId = x.lastEventId();
            }
            if (x.retryMillis() >= 0) {
                retryMillis = x.retryMillis();
            }
        }

        /** The stream is gone: reopen it once, after a delay (resuming from the last event id), never more. */
        private void lost() {
            state = StandaloneStreamState.ENDED;
            if (closed || reopened) {
                return;
            }
            reopened = true;
            long delay = retryMillis < 0 ? DEFAULT_REOPEN_MS : Math.max(MIN_REOPEN_MS,
                    Math.min(MAX_REOPEN_MS, retryMillis));
            reopenTimer = loop.schedule(() -> {
                reopenTimer = null;
                if (!closed) {
                    open(true);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }

        /** Forgets the stream and closes its connection, without counting it as lost. */
        void drop() {
            if (reopenTimer != null) {
                reopenTimer.cancel(false);
                reopenTimer = null;
            }
            HttpConnection c = connection;
            current = null;
            connection = null;
            if (c != null) {
                c.close();
            }
            if (state != StandaloneStreamState.NOT_OPENED && state != StandaloneStreamState.DISABLED
                    && state != StandaloneStreamState.ABSENT) {
                state = StandaloneStreamState.ENDED;
            }
        }
    }

    // ---- closing ----------------------------------------------------------------------------------------------

    @Override
    protected CompletableFuture<Void> closeTransport() {
        stream.drop();
        CompletableFuture<Void> done = new CompletableFuture<>();
        String id = sessionId;
        if (id == null) {
            pool.closeAll();
            done.complete(null);
            return done;
        }
        var timer = loop.schedule(() -> done.complete(null), Math.min(options.requestTimeoutMs(), 5_000),
                TimeUnit.MILLISECONDS);
        done.whenComplete((v, e) -> {
            timer.cancel(false);
            pool.closeAll();
        });
        pool.acquire(url, conn -> {
            FullHttpRequest req = endpoint.request(HttpMethod.DELETE, url, null, id, protocolVersion);
            // Any answer ends it: 200/204, 404 (already gone) and 405 (server does not let clients end
            // sessions) are all fine for a client that is leaving.
            conn.start(new MessageExchange("DELETE " + url, null, new MessageExchange.Sink() {
                @Override
                public void onMessage(MessageExchange x, IncomingMessage message) {
                }

                @Override
                public void onEnd(MessageExchange x, HttpConnection c, boolean reusable) {
                    done.complete(null);
                }

                @Override
                public void onFailure(MessageExchange x, McpException failure) {
                    done.complete(null);
                }
            }), req);
        }, e -> done.complete(null));
        return done;
    }

    private static boolean isInitialize(Pending p) {
        return McpMethods.INITIALIZE.equals(p.method());
    }
}
