package dev.mcpload.engine;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated client: holds a session ({@link SessionHolder}) and sends the weighted mix through its
 * {@link RequestDriver}, one request at a time. In the closed model it paces itself: the next request follows the
 * answer after the session policy's pause. In the open model it is pooled: after opening and after each answer it
 * tells the pool it is free ({@code onIdle}), and the pool hands it iterations with their intended start
 * ({@link #runIteration}). Confined to one loop; its only shared state is the metrics and the iteration budget.
 *
 * <pre>
 * state     event                                  action                                        next
 * STARTING  start                                  open a session (after the arrival jitter)     STARTING
 * STARTING  session open                           closed: send the first request;               RUNNING
 *                                                  open: tell the pool it is free
 * STARTING  stop                                   close once the handshake in flight ends       STOPPING
 * RUNNING   answer or failure                      record; closed: after the pause, send the     RUNNING
 *                                                  next; open: tell the pool it is free
 * RUNNING   iteration handed by the pool (open)    send it, timed from its intended start        RUNNING
 * RUNNING   stop, budget used up                   close after the request in flight, if any      STOPPING
 * any       abandon (graceful stop over)           close now; the request in flight counts        STOPPING
 *                                                  unanswered
 * RUNNING   session's calls or time used up        close it, then open a fresh one (churn)      STARTING
 * STOPPING  session closed                         complete {@link #finished()}                  STOPPED
 * </pre>
 */
final class VirtualUser implements RequestDriver.Sender, Runnable {
    enum State { STARTING, RUNNING, STOPPING, STOPPED }

    private final int index;
    private final Plan plan;
    /** Where a pooled (open-model) VU says it is free: after opening, and after each iteration it ran. */
    interface Pool {
        void free(VirtualUser vu, boolean afterIteration);
    }

    // Every field is paid once per held session (10,000 of them in one JVM): shared things are reached through
    // `parts`, and the think-time and call draws use the picker's generator.
    private final TaskLoop loop;
    private final EngineParts parts;
    private final SessionHolder holder;
    private final WeightedPicker picker;
    private final AtomicLong budget;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Pool onIdle;
    private volatile State state = State.STARTING;
    private volatile boolean stopRequested;
    private boolean abandoned;
    private boolean inFlight;
    private int connectionFailuresInARow;
    private long callsLeft;           // in this session; Long.MAX_VALUE without a limit
    private long sessionEndsNanos;    // Long.MAX_VALUE without a limit
    private long sessionStartNanos;
    private int sessionCalls;

    /** A closed-model VU: paces itself. */
    VirtualUser(int index, Plan plan, EngineParts parts, AtomicLong budget) {
        this(index, plan, parts, budget, null);
    }

    /** @param onIdle null for a self-paced (closed-model) VU; else the pool it tells, on its loop, when it is free */
    VirtualUser(int index, Plan plan, EngineParts parts, AtomicLong budget, Pool onIdle) {
        this.onIdle = onIdle;
        this.index = index;
        this.plan = plan;
        this.loop = parts.sessions().nextLoop();
        this.parts = parts;
        this.holder = new SessionHolder(loop, parts, plan);
        this.picker = new WeightedPicker(plan.steps(), plan.mix().seed() * 1_000_003L + index);
        this.budget = budget;
    }

    int index() {
        return index;
    }

    State state() {
        return state;
    }

    /** Counted as running: holds an initialized session and has not been told to stop. */
    boolean isActive() {
        return !stopRequested && state == State.RUNNING;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    void start() {
        Runnable open = () -> {
            if (stopRequested) {
                closeNow();
            } else {
                holder.open(this::opened);
            }
        };
        long jitterMs = plan.session().arrivalJitterMs().pick(picker.random());
        if (jitterMs > 0) {
            loop.schedule(open, TimeUnit.MILLISECONDS.toNanos(jitterMs));
        } else {
            loop.execute(open);
        }
    }

    /** Finish the request in flight (if any), then close the session. Any thread. */
    void stop() {
        stopRequested = true;
        loop.execute(() -> {
            if (!inFlight) {
                closeNow();
            }
        });
    }

    /** Stop now: the session is closed, and a request still in flight is counted as unanswered. Any thread. */
    void abandon() {
        stopRequested = true;
        loop.execute(() -> {
            abandoned = true;
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPING;
            holder.abandon(this::closed);
        });
    }

    private void opened() {
        state = State.RUNNING;
        Plan.SessionPolicy policy = plan.session();
        long calls = policy.calls().pick(picker.random());
        callsLeft = policy.calls().isZero() || calls == 0 ? Long.MAX_VALUE : calls;
        sessionStartNanos = parts.clock().nanoTime();
        sessionEndsNanos = policy.sessionDurationMs() > 0
                ? sessionStartNanos + TimeUnit.MILLISECONDS.toNanos(policy.sessionDurationMs()) : Long.MAX_VALUE;
        sessionCalls = 0;
        if (onIdle == null) {
            next();
        } else if (stopRequested) {
            closeNow();
        } else {
            onIdle.free(this, false);
        }
    }

    /**
     * Sends one iteration handed by the pool, timed from {@code intendedStartNanos}; only on a free pooled VU,
     * which is not free again until it has been answered. Any thread.
     */
    void runIteration(long intendedStartNanos) {
        loop.execute(() -> {
            if (stopRequested) {
                return; // the run ended between the hand-over and now: nothing was sent
            }
            if (state != State.RUNNING || inFlight) {
                throw new IllegalStateException("iteration handed to a VU that is not free");
            }
            inFlight = true;
            parts.driver().send(holder.session(), picker.nextIndex(), intendedStartNanos, this);
        });
    }

    /** The VU as its own "send the next request" task: no task object per VU or per request. */
    @Override
    public void run() {
        next();
    }

    private void next() {
        if (stopRequested) {
            closeNow();
            return;
        }
        long now = parts.clock().nanoTime(); // read once: the session's deadline and the request's start
        if (callsLeft <= 0 || now >= sessionEndsNanos) {
            churn();
            return;
        }
        if (!takeBudget()) {
            closeNow();
            return;
        }
        callsLeft--;
        sessionCalls++;
        inFlight = true;
        // Closed model: the VU is its own schedule, so a request is intended to start when the VU gets to it.
        parts.driver().send(holder.session(), picker.nextIndex(), now, this);
    }

    /** The session has made its calls (or had its time): close it and open a fresh one, as a new client would. */
    private void churn() {
        state = State.STARTING;
        parts.metrics().sessionEnded(parts.clock().nanoTime() - sessionStartNanos, sessionCalls);
        holder.close(() -> {
            if (stopRequested) {
                closed();
            } else {
                holder.open(this::opened);
            }
        });
    }

    @Override
    public boolean abandoned() {
        return abandoned;
    }

    @Override
    public void afterRequest(McpException failure) {
        inFlight = false;
        if (onIdle != null) {
            // open model: the schedule, not the VU, decides when the next request goes
            onIdle.free(this, true);
            if (stopRequested) {
                closeNow();
            }
            return;
        }
        long pause = stopRequested ? 0 : pauseAfter(failure);
        if (pause > 0) {
            loop.schedule(this, TimeUnit.MILLISECONDS.toNanos(pause));
        } else {
            loop.execute(this); // never recurse on a synchronous failure
        }
    }

    /**
     * The wait before the next request ({@link RetryPolicy}): the think time; after a connection failure at least
     * a backoff that grows while the failures go on; after "come back later" at least what the server asked.
     */
    private long pauseAfter(McpException failure) {
        long pause = plan.session().thinkTime().nextMs(picker.random());
        if (failure == null || failure.errorClass() != ErrorClass.CONNECTION) {
            connectionFailuresInARow = 0;
        } else if (pause == 0) {
            pause = RetryPolicy.backoffMs(++connectionFailuresInARow);
        }
        long retryAfter = failure != null && plan.session().retry().honorRetryAfter() ? failure.retryAfterMs() : -1;
        return Math.max(pause, retryAfter);
    }

    private boolean takeBudget() {
        return budget == null || budget.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private void closeNow() {
        if (state == State.STOPPING || state == State.STOPPED) {
            return;
        }
        if (state == State.RUNNING && onIdle == null) {
            parts.metrics().sessionEnded(parts.clock().nanoTime() - sessionStartNanos, sessionCalls);
        }
        state = State.STOPPING;
        holder.close(this::closed);
    }

    private void closed() {
        state = State.STOPPED;
        finished.complete(null);
    }
}
