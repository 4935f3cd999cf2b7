package dev.mcpload.engine;

import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.OperationMetrics;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated client: opens its own MCP session, sends the weighted mix one request at a time for as long as
 * it runs, and closes its session when told to stop. A small state machine confined to one event loop; its
 * only shared state is the metrics it records into and the iteration budget.
 */
final class VirtualUser implements SessionListener {
    private static final long INIT_RETRY_MS = 1000;

    enum State { STARTING, RUNNING, STOPPING, STOPPED }

    private final int index;
    private final Plan plan;
    private final EventLoop loop;
    private final McpSession session;
    private final WeightedPicker picker;
    private final MetricsRegistry metrics;
    private final OperationMetrics[] stepMetrics;
    private final AtomicLong budget;
    private final SessionGate gate;
    private int connectionFailuresInARow;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile State state = State.STARTING;
    private volatile boolean stopRequested;
    private volatile boolean abandoned;
    private boolean inFlight;

    VirtualUser(int index, Plan plan, McpClient client, MetricsRegistry metrics, AtomicLong budget,
                SessionGate gate) {
        this.index = index;
        this.plan = plan;
        this.loop = client.eventLoops().next();
        this.session = client.newSession(loop, this);
        this.picker = new WeightedPicker(plan.steps(), plan.seed() * 1_000_003L + index);
        this.metrics = metrics;
        this.stepMetrics = plan.steps().stream().map(s -> metrics.forKey(s.key())).toArray(OperationMetrics[]::new);
        this.budget = budget;
        this.gate = gate;
    }

    int index() {
        return index;
    }

    /** Counted as running: holds an initialized session and has not been told to stop. */
    boolean isActive() {
        return !stopRequested && state == State.RUNNING;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    void start() {
        loop.execute(this::openSession);
    }

    /** Finish the request in flight (if any), then close the session. */
    void stop() {
        stopRequested = true;
        loop.execute(() -> {
            if (!inFlight && state != State.STOPPING && state != State.STOPPED) {
                closeSession();
            }
        });
    }

    /** Stop now: the session is closed, and a request still in flight is counted as unanswered. */
    void abandon() {
        abandoned = true;
        stop();
        loop.execute(() -> {
            if (state != State.STOPPING && state != State.STOPPED) {
                closeSession();
            }
        });
    }

    private void openSession() {
        if (stopRequested) {
            closeSession();
            return;
        }
        // Waiting for a place is not part of initialize latency: the clock starts when the handshake does.
        gate.enter(() -> loop.execute(this::openAdmitted));
    }

    private void openAdmitted() {
        if (stopRequested || state == State.STOPPING || state == State.STOPPED) {
            gate.leave();
            closeSession();
            return;
        }
        inFlight = true;
        long start = System.nanoTime();
        OperationMetrics init = metrics.initialize();
        session.initialize().whenComplete((result, error) -> loop.execute(() -> {
            gate.leave();
            inFlight = false;
            long nanos = System.nanoTime() - start;
            if (abandoned) {
                recordUnanswered(init, nanos);
                closeSession();
                return;
            }
            if (error != null) {
                McpException e = McpException.classify(error);
                init.recordError(e.errorClass(), e.getMessage());
                if (stopRequested) {
                    closeSession();
                } else {
                    loop.schedule(this::openSession, Math.max(INIT_RETRY_MS, retryAfterMs(e)),
                            TimeUnit.MILLISECONDS);
                }
                return;
            }
            init.recordSuccess(nanos);
            metrics.sessionOpened();
            state = State.RUNNING;
            next();
        }));
    }

    private void next() {
        if (stopRequested || !takeBudget()) {
            closeSession();
            return;
        }
        int i = picker.nextIndex();
        Step step = plan.steps().get(i);
        OperationMetrics om = stepMetrics[i];
        inFlight = true;
        long start = System.nanoTime();
        session.request(step.request(), plan.timeoutMs()).whenComplete((m, error) -> {
            long nanos = System.nanoTime() - start;
            inFlight = false;
            McpException failure = error == null ? null : McpException.classify(error);
            if (abandoned) {
                recordUnanswered(om, nanos);
            } else {
                record(om, m, failure, nanos);
            }
            long pause = stopRequested ? 0 : pauseAfter(failure);
            if (pause > 0) {
                loop.schedule(this::next, pause, TimeUnit.MILLISECONDS);
            } else {
                loop.execute(this::next); // never recurse on a synchronous failure
            }
        });
    }

    private void record(OperationMetrics om, IncomingMessage m, McpException failure, long nanos) {
        if (failure == null) {
            if (m.isToolError()) {
                om.recordError(ErrorClass.TOOL_ERROR, toolErrorText(m));
            } else {
                om.recordSuccess(nanos);
            }
            return;
        }
        om.recordError(failure.errorClass(), failure.getMessage());
    }

    /**
     * A request the run stopped waiting for (the session was closed under it when the graceful stop ran out): it
     * was sent, so it counts, as a timeout when its deadline had passed, else as unfinished. Whatever answer the
     * close produced is not the server's.
     */
    private void recordUnanswered(OperationMetrics om, long nanos) {
        long waitedMs = nanos / 1_000_000;
        if (waitedMs >= plan.timeoutMs()) {
            om.recordError(ErrorClass.TIMEOUT, "no answer within " + plan.timeoutMs() + " ms (the run was ending)");
        } else {
            om.recordError(ErrorClass.UNFINISHED, "no answer after " + waitedMs + " ms when the run ended"
                    + " (graceful stop over, or interrupted)");
        }
    }

    /**
     * The wait before the next request ({@link RetryPolicy}): the think time; after a connection failure at least
     * a backoff that grows while the failures go on; after "come back later" at least what the server asked.
     */
    private long pauseAfter(McpException failure) {
        long pause = plan.requestIntervalMs();
        if (failure == null || failure.errorClass() != ErrorClass.CONNECTION) {
            connectionFailuresInARow = 0;
        } else if (pause == 0) {
            pause = RetryPolicy.backoffMs(++connectionFailuresInARow);
        }
        return Math.max(pause, retryAfterMs(failure));
    }

    private long retryAfterMs(McpException failure) {
        return failure != null && plan.retry().honorRetryAfter() ? failure.retryAfterMs() : -1;
    }

    private static String toolErrorText(IncomingMessage m) {
        try {
            var content = m.result().path("content");
            for (var item : content) {
                if ("text".equals(item.path("type").asString(""))) {
                    String t = item.path("text").asString("");
                    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
                }
            }
        } catch (RuntimeException ignored) {
            // the message is only an example for the summary
        }
        return "tool returned isError: true";
    }

    private boolean takeBudget() {
        if (budget == null) {
            return true;
        }
        return budget.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private void closeSession() {
        if (state == State.STOPPING || state == State.STOPPED) {
            return;
        }
        boolean wasOpen = state == State.RUNNING;
        state = State.STOPPING;
        session.close().whenComplete((v, e) -> {
            state = State.STOPPED;
            if (wasOpen) {
                metrics.sessionClosed();
            }
            finished.complete(null);
        });
    }

    // ---- SessionListener -------------------------------------------------------------------------------------

    @Override
    public void onNotification(IncomingMessage notification) {
        metrics.notificationReceived();
    }

    @Override
    public void onSessionReinitialized() {
        metrics.sessionReinitialized();
    }

    @Override
    public void onLateResponse(IncomingMessage response) {
        metrics.lateResponse();
    }
}
