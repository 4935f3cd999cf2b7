package dev.mcpload.engine;

/** What a live display may read from a running test between interval samples. Any thread. */
public interface LiveView {
    /** Milliseconds since the run started (0 before). */
    long elapsedMs();

    /** Virtual users holding a session right now. */
    int activeVus();

    /** Virtual users the schedule (or the driver) asks for right now. */
    int targetVus();
}
