package dev.mcpload.engine;

/**
 * When a 2026-07-28 client asks {@code server/discover} again ({@code [session] discover}). Every modern session
 * discovers once, at its start (its first contact, measured as the era's session setup). With
 * {@link Refresh#WHEN_STALE} it keeps the result as the spec's caching says a client may (fresh while {@code now <
 * received + ttlMs}; 0 or absent: stale at once) and, before any request while it is stale, sends {@code
 * server/discover} again: a request of its own, measured under {@code server/discover}, not part of the next
 * request's latency. A server of an older era has no discover; there the setting does nothing (sessions initialize
 * once).
 *
 * @param stepIndex the mix's {@code server/discover} step (weight 0: only sent from here); -1 with {@link Refresh#ONCE}
 */
public record Rediscovery(Refresh mode, int stepIndex) {
    public static final Rediscovery ONCE = new Rediscovery(Refresh.ONCE, -1);

    public Rediscovery {
        if (mode == Refresh.NEVER) {
            throw new IllegalArgumentException("a 2026-07-28 session always discovers once, at its start");
        }
        if ((mode == Refresh.ONCE) != (stepIndex < 0)) {
            throw new IllegalArgumentException("rediscovery needs its server/discover step, and only then");
        }
    }

    public boolean refreshes() {
        return mode == Refresh.WHEN_STALE;
    }
}
