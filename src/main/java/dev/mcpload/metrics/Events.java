package dev.mcpload.metrics;

/**
 * What happened in an interval besides requests, as counts: sessions the server forgot and VUs re-initialized,
 * open-model iterations that found no free VU (dropped, never sent, so not in the error rate), and sessions opened
 * and closed (session churn).
 */
public record Events(long sessionReinits, long droppedIterations, long sessionsOpened, long sessionsClosed) {
    public static final Events NONE = new Events(0, 0, 0, 0);

    /** The registry's counters so far. */
    static Events of(MetricsRegistry r) {
        return new Events(r.sessionReinits(), r.droppedIterations(), r.sessionsOpened(), r.sessionsClosed());
    }

    /** What happened since {@code before}. */
    Events since(Events before) {
        return new Events(sessionReinits - before.sessionReinits, droppedIterations - before.droppedIterations,
                sessionsOpened - before.sessionsOpened, sessionsClosed - before.sessionsClosed);
    }
}
