package dev.mcpload.engine;

/**
 * How a virtual user paces itself after a failure that means "not now", so that the error count describes an
 * outage instead of a retry loop. A request refused at the connection level (nothing listening, reset) is
 * followed by a pause: the think time when there is one, else a backoff that starts at {@link #FIRST_BACKOFF_MS}
 * and doubles up to {@link #MAX_BACKOFF_MS}, reset by any answer from the server. A 429 or 503 with
 * {@code Retry-After} is honoured (when {@code honorRetryAfter}), as real clients do. Other errors (the server
 * answered) are load like any other and are not paced.
 */
public record RetryPolicy(boolean honorRetryAfter) {
    public static final long FIRST_BACKOFF_MS = 100;
    public static final long MAX_BACKOFF_MS = 2_000;
    public static final RetryPolicy DEFAULT = new RetryPolicy(true);

    /** The pause after the {@code consecutive}-th connection failure in a row (1-based), without think time. */
    public static long backoffMs(int consecutive) {
        int shift = Math.min(Math.max(consecutive - 1, 0), 20);
        return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << shift);
    }
}
