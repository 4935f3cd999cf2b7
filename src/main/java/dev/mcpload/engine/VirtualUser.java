package dev.mcpload.engine;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated client: holds a session ({@link SessionHolder}) and sends the weighted mix through its
 * {@link RequestDriver}, one request at a time — a single step, or a flow's steps in order (a session never ends
 * in the middle of a flow). In the closed model it paces itself: the next request follows the answer after the
 * session policy's pause. In the open model it is pooled: it tells the pool when it is free ({@code onIdle}), and
 * the pool hands it iterations with their intended start ({@link #runIteration}). An iteration is one choice of
 * the mix (a step, or a whole flow) on the VU's held session; or, with {@code per = "session"}, a whole session:
 * open, the session's calls, close — between iterations such a VU holds no session (IDLE). Confined to one loop;
 * its only shared state is the metrics and the iteration budget.
 *
 * <pre>
 * state     event                                  action                                        next
 * STARTING  start                                  open a session (after the arrival jitter)     STARTING
 * STARTING  start (per session)                    tell the pool it is free                      IDLE
 * IDLE      iteration handed by the pool           open a session                                RENEWING
 * STARTING  session open                           closed: send the first request;               RUNNING
 *                                                  open: tell the pool it is free
 * RENEWING  session open                           as STARTING                                   RUNNING
 * STARTING  stop                                   close once the handshake in flight ends       STOPPING
 * RENEWING  stop                                   as STARTING                                   STOPPING
 * RUNNING   answer or failure                      record; closed: after the pause, send the     RUNNING
 *                                                  next; open: tell the pool it is free
 * RUNNING   iteration handed by the pool (open)    send it, timed from its intended start        RUNNING
 * RUNNING   stop, budget used up                   close after the request in flight, if any      STOPPING
 * any       abandon (graceful stop over)           close now; the request in flight counts        STOPPING
 *                                                  unanswered
 * RUNNING   answer, in the middle of a flow         after the pause, send the flow's next step    RUNNING
 * RUNNING   session's calls or time used up        close it, then open a fresh one (churn)      RENEWING
 *           (not in the middle of a flow)          per session: close it, tell the pool          IDLE

 * STOPPING  session closed                         complete {@link #finished()}                  STOPPED
 * </pre>
 * STARTING is a VU that has not yet held a session; RENEWING one between sessions of its work (churn, or a
 * per-session iteration): it is busy, so it counts among the active VUs, which a VU still opening its first
 * session does not (the time series shows the VUs the server carries).
 */
final class VirtualUser implements RequestDriver.Sender, Runnable {
    enum State { IDLE, STARTING, RENEWING, RUNNING, STOPPING, STOPPED }

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
    private final SplittableRandom random; // this VU's own: its choices, think times and calls
    private final AtomicLong budget;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Pool onIdle;
    private final boolean sessionPerIteration;
    private volatile State state = State.STARTING;
    private volatile boolean stopRequested;
    private boolean abandoned;
    private boolean inFlight;
    private int connectionFailuresInARow;
    private long callsLeft;           // in this session; Long.MAX_VALUE without a limit
    private long sessionEndsNanos;    // Long.MAX_VALUE without a limit
    private long sessionStartNanos;
    private int sessionCalls;
    private int[] choice;             // the step indices of what the VU is sending (a flow, or one step)
    private int choicePos;            // the next of them
    private boolean iterating;        // per session: an iteration handed by the pool is under way
    // What the VU keeps as a host does, refreshed before a request when stale, in this order (the server's
    // discover result, then its tool list); empty for the default profile, which keeps neither
    private final CacheKeeper[] keepers;
    private static final CacheKeeper[] NO_KEEPERS = new CacheKeeper[0];

    /** A closed-model VU: paces itself. */
    VirtualUser(int index, Plan plan, EngineParts parts, AtomicLong budget) {
        this(index, plan, parts, budget, null);
    }

    /** A pooled VU running one request (or flow) per iteration on its held session. */
    VirtualUser(int index, Plan plan, EngineParts parts, AtomicLong budget, Pool onIdle) {
        this(index, plan, parts, budget, onIdle, false);
    }

    /**
     * @param onIdle              null for a self-paced (closed-model) VU; else the pool it tells, on its loop, when
     *                            it is free
     * @param sessionPerIteration pooled: each iteration is a whole session (open, calls, close)
     */
    VirtualUser(int index, Plan plan, EngineParts parts, AtomicLong budget, Pool onIdle, boolean sessionPerIteration) {
        this.onIdle = onIdle;
        this.sessionPerIteration = onIdle != null && sessionPerIteration;
        this.index = index;
        this.plan = plan;
        this.loop = parts.sessions().nextLoop();
        this.parts = parts;
        this.holder = new SessionHolder(loop, parts, plan);
        this.random = new SplittableRandom(plan.mix().seed() * 1_000_003L + index);
        this.budget = budget;
        this.keepers = keepers(plan.session());
    }

    int index() {
        return index;
    }

    State state() {
        return state;
    }

    /**
     * Counted as running: holds an initialized session (or, per session, waits for its next iteration) and has not
     * been told to stop.
     */
    boolean isActive() {
        return !stopRequested && (state == State.RUNNING || state == State.IDLE || state == State.RENEWING);
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    void start() {
        if (sessionPerIteration) {
            loop.execute(() -> {
                if (stopRequested) {
                    closed();
                } else {
                    state = State.IDLE;
                    onIdle.free(this, false);
                }
            });
            return;
        }
        Runnable open = () -> {
            if (stopRequested) {
                closeNow();
            } else {
                holder.open(this::opened);
            }
        };
        long jitterMs = plan.session().arrivalJitterMs().pick(random);
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
            endIteration();
            state = State.STOPPING;
            holder.abandon(this::closed);
        });
    }

    private void opened() {
        state = State.RUNNING;
        Plan.SessionPolicy policy = plan.session();
        long calls = policy.calls().pick(random);
        // Without a calls limit a session runs to the end, or for one choice when a session is the iteration.
        callsLeft = policy.calls().isZero() || calls == 0 ? (sessionPerIteration ? 1 : Long.MAX_VALUE) : calls;
        sessionStartNanos = parts.clock().nanoTime();
        sessionEndsNanos = policy.sessionDurationMs() > 0
                ? sessionStartNanos + TimeUnit.MILLISECONDS.toNanos(policy.sessionDurationMs()) : Long.MAX_VALUE;
        sessionCalls = 0;
        choice = null;
        for (CacheKeeper k : keepers) {
            k.reset(holder.openedTtlMs()); // a new session is a new client: it keeps only what it learned opening
        }
        if (onIdle == null || sessionPerIteration) {
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
            if (sessionPerIteration) {
                if (state != State.IDLE) {
                    throw new IllegalStateException("iteration handed to a VU that is not free");
                }
                // The session's requests are timed as they go; its initialize shows what opening it cost.
                iterating = true;
                state = State.RENEWING;
                holder.open(this::opened);
                return;
            }
            if (state != State.RUNNING || inFlight) {
                throw new IllegalStateException("iteration handed to a VU that is not free");
            }
            choice = parts.picker().next(random);
            choicePos = 0;
            inFlight = true;
            send(choice[choicePos++], intendedStartNanos);
        });
    }

    /**
     * The VU as its own "send the next request" task: no task object per VU or per request. Pooled per request,
     * it sends the next step of the iteration's flow; else the next request of its session.
     */
    @Override
    public void run() {
        if (pooledPerRequest()) {
            continueFlow();
        } else {
            next();
        }
    }

    private boolean pooledPerRequest() {
        return onIdle != null && !sessionPerIteration;
    }

    /** Whether the VU is in the middle of a flow (a session never ends there). */
    private boolean midFlow() {
        return choice != null && choicePos < choice.length;
    }

    /** The index of the next step: the flow's next one, or the first of a fresh choice. */
    private int nextStep() {
        if (!midFlow()) {
            choice = parts.picker().next(random);
            choicePos = 0;
        }
        return choice[choicePos++];
    }

    private void continueFlow() {
        if (stopRequested) {
            onIdle.free(this, true);
            closeNow();
            return;
        }
        inFlight = true;
        send(choice[choicePos++], parts.clock().nanoTime());
    }

    private void next() {
        if (stopRequested) {
            closeNow();
            return;
        }
        long now = parts.clock().nanoTime(); // read once: the session's deadline and the request's start
        if ((callsLeft <= 0 || now >= sessionEndsNanos) && !midFlow()) {
            churn();
            return;
        }
        if (!sessionPerIteration && !takeBudget()) { // per session, the pool took the budget for the iteration
            closeNow();
            return;
        }
        callsLeft--;
        sessionCalls++;
        inFlight = true;
        // Closed model: the VU is its own schedule, so a request is intended to start when the VU gets to it.
        send(nextStep(), now);
    }

    /** Sends step {@code index}: first whatever the VU keeps and is stale (the discover result, the tool list). */
    private void send(int index, long intendedStartNanos) {
        sendFrom(0, index, intendedStartNanos);
    }

    /** Sends step {@code index} after refreshing, from keeper {@code first} on, what is stale. */
    private void sendFrom(int first, int index, long intendedStartNanos) {
        // freshness now, not at the intended start: a late open-model VU must not trust what expired meanwhile
        long now = first < keepers.length ? parts.clock().nanoTime() : 0;
        for (int k = first; k < keepers.length; k++) {
            if (keepers[k].needed(index, now)) {
                keepers[k].refreshThen(index, intendedStartNanos);
                return;
            }
        }
        parts.driver().send(holder.session(), index, intendedStartNanos, this);
    }

    private CacheKeeper[] keepers(Plan.SessionPolicy policy) {
        if (!policy.rediscovery().refreshes() && !policy.listing().lists()) {
            return NO_KEEPERS; // the default profile: nothing per VU
        }
        List<CacheKeeper> all = new ArrayList<>(2);
        if (policy.rediscovery().refreshes()) {
            all.add(new CacheKeeper(all.size(), policy.rediscovery().stepIndex(), false, false));
        }
        if (policy.listing().lists()) {
            all.add(new CacheKeeper(all.size(), policy.listing().stepIndex(), true,
                    policy.listing().mode() == Refresh.ONCE));
        }
        return all.toArray(new CacheKeeper[0]);
    }

    /**
     * One thing a host keeps from the server and asks again when it is stale ({@link Rediscovery}: the discover
     * result, before any request; {@link ToolListing}: the tool list, before a {@code tools/call}). Its refresh is a
     * request of its own, measured under its own key (the first refresh timed from the request's intended start,
     * so a late schedule shows there; what follows from its own send); then the request goes, timed from its own
     * send: at once, or after what a failed refresh asks (a server's Retry-After, the backoff after a connection
     * or generator failure), as after any failure. Freshness is the answer's {@code ttlMs} (2026-07-28 caching: fresh
     * while now &lt; received + ttlMs; absent, 0 or negative: stale at once), or the whole session for a keeper of
     * {@code once}. A failed refresh leaves it stale and the request goes ahead (a host goes on with what it has).
     * A keeper that answered with ttlMs 0 is not asked again for the same request: the next keeper, or the request,
     * goes next.
     */
    private final class CacheKeeper implements RequestDriver.Sender {
        private final int position;      // in the VU's keepers: the ones after it come after it
        private final int stepIndex;     // the request that refreshes it
        private final boolean toolsOnly; // needed before tools/call only (the tool list), else before any request
        private final boolean once;      // fresh for the rest of the session after one answer
        private boolean active;          // the discover result is kept by 2026-07-28 sessions only
        private boolean fresh;
        private long freshUntilNanos;
        private int pendingStep;

        CacheKeeper(int position, int stepIndex, boolean toolsOnly, boolean once) {
            this.position = position;
            this.stepIndex = stepIndex;
            this.toolsOnly = toolsOnly;
            this.once = once;
        }

        /**
         * A new session: the tool list is not known yet; the discover result is what the session's opening got
         * ({@code openedTtlMs}; -1 after an initialize: no discover to refresh).
         */
        void reset(long openedTtlMs) {
            if (toolsOnly) {
                active = true;
                fresh = false;
            } else {
                active = openedTtlMs >= 0;
                keep(Math.max(0, openedTtlMs));
            }
        }

        boolean needed(int index, long nowNanos) {
            return active && (!toolsOnly || McpMethods.TOOLS_CALL.equals(plan.steps().get(index).key().operation()))
                    && !(fresh && nowNanos - freshUntilNanos < 0);
        }

        void refreshThen(int index, long intendedStartNanos) {
            pendingStep = index;
            parts.driver().send(holder.session(), stepIndex, intendedStartNanos, this);
        }

        private void keep(long ttlMs) {
            fresh = once || ttlMs > 0;
            freshUntilNanos = once ? Long.MAX_VALUE
                    : parts.clock().nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, ttlMs));
        }

        @Override
        public boolean abandoned() {
            return abandoned;
        }

        @Override
        public void answered(IncomingMessage m) {
            if (m.kind() == IncomingMessage.Kind.RESPONSE) {
                keep(m.result().path("ttlMs").asLong(0));
            }
        }

        @Override
        public void afterRequest(McpException failure) {
            if (abandoned || stopRequested) {
                VirtualUser.this.afterRequest(failure); // the request is not sent: the VU winds down as after it
                return;
            }
            long wait = failure == null ? 0 : failurePauseMs(failure);
            if (wait > 0) {
                loop.schedule(this::goOn, TimeUnit.MILLISECONDS.toNanos(wait));
            } else {
                goOn();
            }
        }

        private void goOn() {
            if (abandoned || stopRequested) {
                VirtualUser.this.afterRequest(null); // stopped while waiting: the request is not sent
            } else {
                sendFrom(position + 1, pendingStep, parts.clock().nanoTime());
            }
        }
    }

    /** The session has made its calls (or had its time): close it and open a fresh one, as a new client would. */
    private void churn() {
        state = State.RENEWING;
        parts.metrics().sessionEnded(parts.clock().nanoTime() - sessionStartNanos, sessionCalls);
        holder.close(() -> {
            if (stopRequested) {
                endIteration();
                closed();
            } else if (sessionPerIteration) {
                state = State.IDLE;
                endIteration();
            } else {
                holder.open(this::opened);
            }
        });
    }

    /** Per session: the iteration is over (its session closed, or the run stopped it); the pool may count it. */
    private void endIteration() {
        if (iterating) {
            iterating = false;
            onIdle.free(this, true);
        }
    }

    @Override
    public boolean abandoned() {
        return abandoned;
    }

    @Override
    public void afterRequest(McpException failure) {
        inFlight = false;
        if (pooledPerRequest() && !(midFlow() && !stopRequested)) {
            // open model: the schedule, not the VU, decides when the next iteration goes
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
     * The wait before the next request ({@link RetryPolicy}): the think time; after a connection failure (or the
     * generator's own: out of memory or descriptors, where retrying at once cannot help) at least a backoff that
     * grows while the failures go on; after "come back later" at least what the server asked.
     */
    private long pauseAfter(McpException failure) {
        // Think time is between calls: after a session's last call it closes at once (no pause is drawn).
        boolean sessionDone = callsLeft <= 0 && !midFlow();
        long pause = sessionDone ? 0 : plan.session().thinkTime().nextMs(random);
        if (!backsOff(failure)) {
            connectionFailuresInARow = 0;
        } else if (pause == 0 && !sessionDone) {
            pause = RetryPolicy.backoffMs(++connectionFailuresInARow);
        }
        return Math.max(pause, retryAfterMs(failure));
    }

    /**
     * What a failure alone asks the VU to wait (no think time, the streak left to the request that follows): the
     * server's Retry-After (when honoured), the backoff after a connection or generator failure; 0 for any other.
     */
    private long failurePauseMs(McpException failure) {
        return Math.max(retryAfterMs(failure), backsOff(failure) ? RetryPolicy.backoffMs(connectionFailuresInARow + 1)
                : 0);
    }

    /** A connection failure, or the generator's own (out of memory or descriptors): retrying at once cannot help. */
    private static boolean backsOff(McpException failure) {
        return failure != null
                && (failure.errorClass() == ErrorClass.CONNECTION || failure.errorClass().isGenerator());
    }

    /** What the server asked with Retry-After, when the profile honours it; else -1. */
    private long retryAfterMs(McpException failure) {
        return failure != null && plan.session().retry().honorRetryAfter() ? failure.retryAfterMs() : -1;
    }

    private boolean takeBudget() {
        return budget == null || budget.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private void closeNow() {
        if (state == State.STOPPING || state == State.STOPPED) {
            return;
        }
        if (state == State.RUNNING && (onIdle == null || sessionPerIteration)) {
            parts.metrics().sessionEnded(parts.clock().nanoTime() - sessionStartNanos, sessionCalls);
        }
        state = State.STOPPING;
        holder.close(() -> {
            endIteration();
            closed();
        });
    }

    private void closed() {
        state = State.STOPPED;
        finished.complete(null);
    }
}
