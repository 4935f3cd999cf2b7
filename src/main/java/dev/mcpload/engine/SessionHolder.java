package dev.mcpload.engine;

import dev.mcpload.metrics.OperationMetrics;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import java.util.concurrent.TimeUnit;

/**
 * Opens, holds, closes and reopens one VU's MCP session, on the VU's loop. Opening waits for a place at the
 * {@link SessionGate}, then runs {@code initialize} — measured and recorded under {@code initialize} like any
 * request, failures included — and retries after a failure (at least {@link #INIT_RETRY_MS}, or what the server
 * asked with {@code Retry-After}) until the session opens or the holder is told to close. After a close, the next
 * {@link #open} starts a new session (churn).
 *
 * <pre>
 * state         event                          action                                   next
 * IDLE          open                           queue at the gate                        WAITING
 * WAITING       admitted by the gate           initialize                               INITIALIZING
 * WAITING       close (queued at the gate)     (once admitted) leave the gate, close    CLOSING
 * WAITING       close (waiting to retry)       close the session                        CLOSING
 * INITIALIZING  answer                         record initialize; tell the owner        OPEN
 * INITIALIZING  failure                        record it; wait to retry                 WAITING
 * INITIALIZING  close                          (once answered) record it, then close    CLOSING
 * INITIALIZING  abandon                        close now; the handshake counts unanswered CLOSING
 * OPEN          close                          close the session                        CLOSING
 * CLOSING       closed                         tell the owner                           IDLE
 * </pre>
 */
final class SessionHolder implements SessionListener {
    static final long INIT_RETRY_MS = 1000;

    enum State { IDLE, WAITING, INITIALIZING, OPEN, CLOSING }

    private final TaskLoop loop;
    private final EngineParts parts;
    private final Plan plan;
    private McpSession session;
    // the open session's discover result's ttlMs (-1: an initialize result, nothing to refresh); only this of the
    // first contact's answer is kept: a held result (its capabilities tree) cost every held session ~0.9 KiB
    private long openedTtlMs = -1;
    private State state = State.IDLE;
    private boolean queuedAtGate;
    private boolean closeWanted;
    private boolean abandoned;
    private Runnable onOpen;
    private Runnable onClosed;

    SessionHolder(TaskLoop loop, EngineParts parts, Plan plan) {
        this.loop = loop;
        this.parts = parts;
        this.plan = plan;
    }

    State state() {
        return state;
    }

    /** The open session (valid in state OPEN). */
    McpSession session() {
        return session;
    }

    /** How long the open session's discover result stays fresh; -1 after an initialize (valid in state OPEN). */
    long openedTtlMs() {
        return openedTtlMs;
    }

    /** Opens a session; {@code onOpen} runs on the loop once it is. Only from IDLE. On the loop. */
    void open(Runnable whenOpen) {
        if (state != State.IDLE) {
            throw new IllegalStateException("open in state " + state);
        }
        onOpen = whenOpen;
        closeWanted = false;
        if (session == null) {
            session = parts.sessions().newSession(loop, this);
        }
        queue();
    }

    /** Closes the session (after the handshake in flight, if any); {@code whenClosed} runs once it is. On the loop. */
    void close(Runnable whenClosed) {
        onClosed = whenClosed;
        switch (state) {
            case IDLE -> loop.execute(whenClosed);
            case WAITING -> {
                closeWanted = true;
                if (!queuedAtGate) {
                    closeSession(); // waiting to retry: nothing is in flight
                }
            }
            case INITIALIZING -> closeWanted = true;
            case OPEN -> closeSession();
            case CLOSING -> {
                // already closing; whenClosed replaces the earlier callback
            }
        }
    }

    /** Closes now, even with the handshake in flight: what it answers from here on was cut off. On the loop. */
    void abandon(Runnable whenClosed) {
        abandoned = true;
        if (state == State.INITIALIZING) {
            onClosed = whenClosed;
            closeSession();
        } else {
            close(whenClosed);
        }
    }

    private void queue() {
        state = State.WAITING;
        queuedAtGate = true;
        // Waiting for a place is not part of initialize latency: the clock starts when the handshake does.
        parts.gate().enter(() -> loop.execute(this::admitted));
    }

    private void admitted() {
        queuedAtGate = false;
        if (closeWanted) {
            parts.gate().leave();
            closeSession();
            return;
        }
        state = State.INITIALIZING;
        long start = parts.clock().nanoTime();
        OperationMetrics init = parts.metrics().initialize();
        session.initialize().whenComplete((result, error) -> loop.execute(() -> {
            parts.gate().leave();
            long nanos = parts.clock().nanoTime() - start;
            if (abandoned) {
                RequestDriver.recordUnanswered(init, nanos, plan.limits().timeoutMs());
                closeSession();
                return;
            }
            if (error != null) {
                McpException e = McpException.classify(error);
                init.recordError(e.errorClass(), e.getMessage());
                if (closeWanted) {
                    closeSession();
                } else {
                    state = State.WAITING;
                    long retryAfter = plan.session().retry().honorRetryAfter() ? e.retryAfterMs() : -1;
                    loop.schedule(this::retry, TimeUnit.MILLISECONDS.toNanos(Math.max(INIT_RETRY_MS, retryAfter)));
                }
                return;
            }
            init.recordSuccess(nanos);
            openedTtlMs = result.ttlMs();
            parts.metrics().sessionOpened();
            state = State.OPEN;
            if (closeWanted) {
                closeSession();
            } else {
                onOpen.run();
            }
        }));
    }

    private void retry() {
        if (state == State.WAITING && !closeWanted) {
            queue();
        }
    }

    private void closeSession() {
        if (state == State.CLOSING) {
            return;
        }
        boolean wasOpen = state == State.OPEN;
        state = State.CLOSING;
        McpSession closing = session;
        closing.close().whenComplete((v, e) -> loop.execute(() -> {
            if (wasOpen) {
                parts.metrics().sessionClosed();
            }
            session = null; // the next open is a new session
            openedTtlMs = -1;
            state = State.IDLE;
            Runnable then = onClosed;
            onClosed = null;
            if (then != null) {
                then.run();
            }
        }));
    }

    // ---- SessionListener: what the session tells besides answers -------------------------------------------------

    @Override
    public void onNotification(IncomingMessage notification) {
        parts.metrics().notificationReceived();
    }

    @Override
    public void onServerRequest(String method, boolean answered) {
        parts.metrics().serverRequests().received(method, answered);
    }

    @Override
    public void onStreamFailed(String why) {
        parts.metrics().streamFailed(why);
    }

    @Override
    public void onSessionReinitialized() {
        parts.metrics().sessionReinitialized();
    }

    @Override
    public void onLateResponse(IncomingMessage response) {
        parts.metrics().lateResponse();
    }
}
