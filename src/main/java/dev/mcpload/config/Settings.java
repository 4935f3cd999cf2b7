package dev.mcpload.config;

/**
 * The {@code [settings]} block. The {@code *Set} flags say which values the file gave, so the loader can warn
 * when stages make them irrelevant.
 */
public record Settings(int virtualUsers, int durationSecs, int timeoutMs, int expectedIntervalMs,
                       int requestIntervalMs, int maxOpeningSessions, boolean virtualUsersSet,
                       boolean durationSet) {
    public static final int DEFAULT_VUS = 10;
    public static final int DEFAULT_DURATION_SECS = 60;
    public static final int DEFAULT_TIMEOUT_MS = 5000;
    public static final int DEFAULT_EXPECTED_INTERVAL_MS = 100;
    /** Sessions opening (connect + initialize) at once; see {@link dev.mcpload.engine.Plan}. */
    public static final int DEFAULT_MAX_OPENING_SESSIONS = 256;

    public static Settings defaults() {
        return new Settings(DEFAULT_VUS, DEFAULT_DURATION_SECS, DEFAULT_TIMEOUT_MS, DEFAULT_EXPECTED_INTERVAL_MS, 0,
                DEFAULT_MAX_OPENING_SESSIONS, false, false);
    }

    public Settings withVirtualUsers(int vus) {
        return new Settings(vus, durationSecs, timeoutMs, expectedIntervalMs, requestIntervalMs, maxOpeningSessions,
                true, durationSet);
    }

    public Settings withDurationSecs(int secs) {
        return new Settings(virtualUsers, secs, timeoutMs, expectedIntervalMs, requestIntervalMs,
                maxOpeningSessions, virtualUsersSet, true);
    }
}
