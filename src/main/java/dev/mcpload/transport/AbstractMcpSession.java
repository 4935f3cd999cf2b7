package dev.mcpload.transport;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.ResultShape;
import dev.mcpload.protocol.Snippets;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.protocol.RequestEncoder;
import io.netty.channel.EventLoop;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * What every transport shares: request ids, the table of pending requests with their deadlines, routing of
 * incoming messages, the initialize handshake and version negotiation. All state is confined to one event
 * loop, so nothing here takes a lock; public entry points hop onto the loop when called from elsewhere.
 * Subclasses only move bytes.
 */
public abstract class AbstractMcpSession implements McpSession {
    protected final EventLoop loop;
    protected final ClientOptions options;
    protected final SessionListener listener;

    private final LongObjectHashMap<Pending> pending = new LongObjectHashMap<>();
    private long nextId = 1;
    /**
     * One timer per session, not one per request: it is due at the earliest deadline it was armed for, and
     * when it fires it times out what has expired and re-arms for the next deadline. A session sending one
     * request at a time with the same timeout schedules it about once per timeout instead of scheduling and
     * cancelling a task (and re-ordering the loop's timer queue) for every request.
     */
    private ScheduledFuture<?> deadlineTimer;
    private long timerDueNanos;
    protected volatile String protocolVersion;
    protected boolean closed;

    /** A request awaiting its response. Transports may attach their own state (e.g. the connection in use). */
    protected static final class Pending {
        public final long id;
        public final RequestEncoder request;
        public final long timeoutMillis;
        final CompletableFuture<IncomingMessage> future;
        long deadlineNanos;
        public Object transportState;
        public int attempts;

        Pending(long id, RequestEncoder request, long timeoutMillis, CompletableFuture<IncomingMessage> future) {
            this.id = id;
            this.request = request;
            this.timeoutMillis = timeoutMillis;
            this.future = future;
        }

        public String method() {
            return request.method();
        }
    }

    protected AbstractMcpSession(EventLoop loop, ClientOptions options, SessionListener listener) {
        this.loop = loop;
        this.options = options;
        this.listener = listener == null ? SessionListener.NONE : listener;
    }

    // ---- transport hooks ------------------------------------------------------------------------------

    /** Sends the request; on failure calls {@link #fail(Pending, McpException)}. Runs on the loop. */
    protected abstract void transmit(Pending p);

    /** Sends a notification or an answer to a server request; completes when the server took it. */
    protected abstract CompletableFuture<Void> transmitMessage(byte[] json);

    /** The request timed out: drop whatever the transport holds for it (e.g. close its connection). */
    protected void abandon(Pending p) {
    }

    /** Ends the transport: called once, on the loop, after every pending request failed. Must be bounded. */
    protected abstract CompletableFuture<Void> closeTransport();

    // ---- public API --------------------------------------------------------------------------------------

    /**
     * The handshake's deadline is at least this long whatever the per-request timeout: a cold server, a TLS
     * handshake or a JVM warming up may take longer to open a session than an aggressive timeout_ms allows
     * for one call, and a session that never opens measures nothing.
     */
    public static final int MIN_INITIALIZE_TIMEOUT_MS = 5_000;

    protected final long initializeTimeoutMs() {
        return Math.max(options.requestTimeoutMs(), MIN_INITIALIZE_TIMEOUT_MS);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize() {
        List<String> capabilities = new ArrayList<>(options.clientCapabilities().size());
        for (ClientCapability c : options.clientCapabilities()) {
            capabilities.add(c.wireName());
        }
        return request(McpRequests.initialize(options.legacyVersion(), capabilities), initializeTimeoutMs())
                .thenCompose(response -> {
                    InitializeResult result = acceptInitializeResult(response);
                    return transmitMessage(McpRequests.notification(McpMethods.INITIALIZED, null))
                            .thenApply(v -> {
                                onInitialized();
                                return result;
                            });
                });
    }

    /**
     * The handshake is done (initialized was accepted): e.g. open the standalone event stream. Called once per
     * (re-)initialization, on the thread that completed the notification; must not block.
     */
    protected void onInitialized() {
    }

    @Override
    public CompletableFuture<IncomingMessage> request(RequestEncoder request) {
        return request(request, options.requestTimeoutMs());
    }

    @Override
    public CompletableFuture<IncomingMessage> request(RequestEncoder request, long timeoutMillis) {
        CompletableFuture<IncomingMessage> future = new CompletableFuture<>();
        if (loop.inEventLoop()) {
            start(request, timeoutMillis, future);
        } else {
            loop.execute(() -> start(request, timeoutMillis, future));
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (closed) {
                done.complete(null);
                return;
            }
            closed = true;
            failAll(new McpException(ErrorClass.CONNECTION, "session closed by mcpload"));
            if (deadlineTimer != null) {
                deadlineTimer.cancel(false);
                deadlineTimer = null;
            }
            closeTransport().whenComplete((v, e) -> done.complete(null));
        });
        return done;
    }

    @Override
    public String protocolVersion() {
        return protocolVersion;
    }

    // ---- for subclasses -----------------------------------------------------------------------------------

    protected final boolean isPending(Pending p) {
        return pending.get(p.id) == p;
    }

    /** Completes the request exceptionally, if it is still pending. */
    protected final void fail(Pending p, McpException e) {
        if (pending.remove(p.id) == p) {
            p.future.completeExceptionally(e);
        }
    }

    /** Fails every pending request, e.g. when the transport died. */
    protected final void failAll(McpException e) {
        List<Pending> all = new ArrayList<>(pending.values());
        for (Pending p : all) {
            fail(p, e);
        }
    }

    /** Requests still waiting, for transports that must resend them (session re-initialization). */
    protected final List<Pending> pendingRequests() {
        return new ArrayList<>(pending.values());
    }

    /** Routes one message from the server: responses to their requests, the rest to the listener. */
    protected final void dispatch(IncomingMessage m) {
        switch (m.kind()) {
            case RESPONSE, ERROR -> {
                Pending p = m.id() == IncomingMessage.NO_ID ? null : pending.get(m.id());
                if (p == null) {
                    listener.onLateResponse(m);
                    return;
                }
                complete(p, m);
            }
            case NOTIFICATION -> listener.onNotification(m);
            case REQUEST -> answerServerRequest(m);
        }
    }

    /** Completes {@code p} with {@code m} (a response carrying p's id). */
    protected final void complete(Pending p, IncomingMessage m) {
        if (pending.remove(p.id) != p) {
            listener.onLateResponse(m);
            return;
        }
        if (m.kind() == IncomingMessage.Kind.ERROR) {
            p.future.completeExceptionally(McpException.jsonRpc(m.errorCode(),
                    p.method() + " failed: JSON-RPC error " + m.errorCode() + ": " + m.errorMessage(), 0,
                    dev.mcpload.protocol.ModernErrors.supportedVersions(m)));
            return;
        }
        String wrongShape = ResultShape.problem(p.method(), m.resultShape());
        if (wrongShape != null) {
            p.future.completeExceptionally(new McpException(ErrorClass.PROTOCOL, target() + " answered "
                    + p.method() + " with a result of the wrong shape (" + wrongShape + "): "
                    + Snippets.of(m.bytes())));
        } else {
            p.future.complete(m);
        }
    }

    protected String target() {
        return options.targetLabel();
    }

    // ---- internals ------------------------------------------------------------------------------------

    private void start(RequestEncoder request, long timeoutMillis, CompletableFuture<IncomingMessage> future) {
        if (closed) {
            future.completeExceptionally(new McpException(ErrorClass.CONNECTION, "session already closed"));
            return;
        }
        Pending p = new Pending(nextId++, request, timeoutMillis, future);
        pending.put(p.id, p);
        p.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        armTimer(p.deadlineNanos);
        try {
            transmit(p);
        } catch (RuntimeException | OutOfMemoryError e) { // out of memory encoding or sending it: the generator's
            fail(p, McpException.classify(e));
        }
    }

    private void armTimer(long deadlineNanos) {
        if (deadlineTimer != null && deadlineNanos - timerDueNanos >= 0) {
            return; // the timer fires earlier and re-arms for this deadline then (nanoTime: compare differences)
        }
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        timerDueNanos = deadlineNanos;
        deadlineTimer = loop.schedule(this::checkDeadlines, Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void checkDeadlines() {
        deadlineTimer = null;
        if (pending.isEmpty() || closed) {
            return;
        }
        long now = System.nanoTime();
        List<Pending> expired = new ArrayList<>(2);
        for (Pending p : pending.values()) {
            if (p.deadlineNanos - now <= 0) {
                expired.add(p);
            }
        }
        for (Pending p : expired) {
            onTimeout(p); // may complete others or start new requests (which arm the timer themselves)
        }
        Pending earliest = null;
        for (Pending p : pending.values()) {
            if (earliest == null || p.deadlineNanos - earliest.deadlineNanos < 0) {
                earliest = p;
            }
        }
        if (earliest != null) {
            armTimer(earliest.deadlineNanos);
        }
    }

    private void onTimeout(Pending p) {
        if (pending.remove(p.id) != p) {
            return;
        }
        abandon(p);
        p.future.completeExceptionally(new McpException(ErrorClass.TIMEOUT,
                "no response to " + p.method() + " from " + target() + " within " + p.timeoutMillis + " ms"));
        if (!McpMethods.INITIALIZE.equals(p.method()) && !McpMethods.SERVER_DISCOVER.equals(p.method()) && !closed) {
            // The spec asks a client that gives up on a request to say so, so the server can stop working on it.
            var params = Json.object().put("requestId", p.id).put("reason", "timeout");
            transmitMessage(McpRequests.notification(McpMethods.CANCELLED, params));
        }
    }

    private InitializeResult acceptInitializeResult(IncomingMessage response) {
        JsonNode result = response.result();
        String version = result.path("protocolVersion").asString(null);
        if (!ProtocolVersions.isSupported(version)) {
            throw new McpException(ErrorClass.PROTOCOL, target() + " answered initialize with protocolVersion '"
                    + version + "', which mcpload does not speak (it speaks " + ProtocolVersions.SUPPORTED + ")");
        }
        protocolVersion = version;
        JsonNode info = result.path("serverInfo");
        return new InitializeResult(version, info.path("name").asString(""), info.path("version").asString(""),
                result.path("capabilities"), sessionId(), transport());
    }

    /** Canned results, built once: a server asking many sessions must not cost a JSON tree per answer. */
    private static final String EMPTY_RESULT = "{}";
    private static final String ROOTS_RESULT = "{\"roots\":[]}";
    private static final String SAMPLING_RESULT = "{\"role\":\"assistant\",\"content\":{\"type\":\"text\","
            + "\"text\":\"mcpload canned reply\"},\"model\":\"mcpload\",\"stopReason\":\"endTurn\"}";
    private static final String ELICITATION_RESULT = "{\"action\":\"decline\"}";

    private void answerServerRequest(IncomingMessage request) {
        String method = request.method();
        // ping always, so the server does not take the session for dead; a client feature only when declared
        // in initialize (a server must not ask for the others, and gets -32601 if it does), with an answer
        // that ends the server's wait at once: no roots, a fixed model reply, a declined form.
        String result;
        JsonNode configured = options.inputAnswers().byMethod().get(method);
        if (McpMethods.PING.equals(method)) {
            result = EMPTY_RESULT;
        } else if (configured != null) {
            result = Json.string(configured); // [inputs] answers, in this era as server requests (declared with them)
        } else if (McpMethods.ROOTS_LIST.equals(method) && declared(ClientCapability.ROOTS)) {
            result = ROOTS_RESULT;
        } else if (McpMethods.SAMPLING_CREATE_MESSAGE.equals(method) && declared(ClientCapability.SAMPLING)) {
            result = SAMPLING_RESULT;
        } else if (McpMethods.ELICITATION_CREATE.equals(method) && declared(ClientCapability.ELICITATION)) {
            result = ELICITATION_RESULT;
        } else {
            result = null;
        }
        listener.onServerRequest(method, result != null);
        transmitMessage(McpRequests.answerRaw(request.rawId(), result));
    }

    private boolean declared(ClientCapability c) {
        return options.clientCapabilities().contains(c);
    }
}
