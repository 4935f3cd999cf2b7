package dev.mcpload.metrics;

/**
 * How long sessions lasted and how many calls they made, over the sessions that ended during the run (by their
 * profile's calls or duration, or at the end of the run). What churn looks like: with one session per VU held for
 * the whole test, {@code ended} is the VU count and the duration the test's.
 */
public record SessionLengths(long ended, double durationP50Ms, double durationP95Ms, double durationMaxMs,
                             double callsMean, long callsMax) {
    public static final SessionLengths NONE = new SessionLengths(0, 0, 0, 0, 0, 0);
}
