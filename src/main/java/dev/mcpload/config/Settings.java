package dev.mcpload.config;

/**
 * The {@code [settings]} block. {@code honorRetryAfter}: a VU told to wait by a 429/503 {@code Retry-After} waits,
 * as real clients do. {@code maxMessageBytes}: the largest response or SSE event accepted (see
 * {@link dev.mcpload.transport.ClientOptions}). The {@code *Set} flags say which values the file gave, so the loader can warn
 * when stages make them irrelevant.
 */
public record Settings(int virtualUsers, int durationSecs, int timeoutMs, int expectedIntervalMs,
                       int requestIntervalMs, int maxOpeningSessions, boolean honorRetryAfter,
                       int gracefulStopMs, int maxMessageBytes, boolean virtualUsersSet, boolean durationSet) {
    public static final int DEFAULT_VUS = 10;
    public static final int DEFAULT_DURATION_SECS = 60;
    public static final int DEFAULT_TIMEOUT_MS = 5000;
    /**
     * Not set: the correction's interval is derived from each key's normal cycle (see
     * {@link dev.mcpload.metrics.CoordinatedOmission}); a value above 0 is a floor on it; 0 turns it off.
     */
    public static final int EXPECTED_INTERVAL_DERIVED = -1;
    /** Sessions opening (connect + initialize) at once; see {@link dev.mcpload.engine.Plan}. */
    public static final int DEFAULT_MAX_OPENING_SESSIONS = 256;

    /** Not set: requests at the end may run to their deadline, at most 30 s (see the engine's Plan). */
    public static final int GRACEFUL_STOP_DEFAULT = -1;

    public static Settings defaults() {
        return new Settings(DEFAULT_VUS, DEFAULT_DURATION_SECS, DEFAULT_TIMEOUT_MS, EXPECTED_INTERVAL_DERIVED, 0,
                DEFAULT_MAX_OPENING_SESSIONS, true, GRACEFUL_STOP_DEFAULT,
                dev.mcpload.transport.ClientOptions.DEFAULT_MAX_MESSAGE_BYTES, false, false);
    }

    public Settings withVirtualUsers(int vus) {
        return new Settings(vus, durationSecs, timeoutMs, expectedIntervalMs, requestIntervalMs, maxOpeningSessions,
                honorRetryAfter, gracefulStopMs, maxMessageBytes, true, durationSet);
    }

    public Settings withDurationSecs(int secs) {
        return new Settings(virtualUsers, secs, timeoutMs, expectedIntervalMs, requestIntervalMs,
                maxOpeningSessions, honorRetryAfter, gracefulStopMs, maxMessageBytes, virtualUsersSet, true);
    }
}
