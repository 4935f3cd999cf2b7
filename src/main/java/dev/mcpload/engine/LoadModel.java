package dev.mcpload.engine;

import java.util.List;

/**
 * How the engine turns its executor's schedule into running VUs, one implementation per executor family. Called
 * from the engine's loop only (reads of {@link #activeVus()} may come from any thread).
 */
interface LoadModel {
    /** Brings the VUs in line with the schedule at {@code elapsedMs}. */
    void tick(long elapsedMs);

    /** How long the engine may wait after {@code elapsedMs} before the schedule needs it again. */
    long quietMsAfter(long elapsedMs);

    /** What the schedule asks for at {@code elapsedMs} (VUs), for the interval's label. */
    int targetAt(long elapsedMs);

    /** VUs holding a session and not stopping. Any thread. */
    int activeVus();

    /** Whether every VU started so far has finished (the iteration budget is used up and all closed). */
    boolean allFinished();

    /** The schedule ended: stop every VU in the order the schedule would (newest first). */
    void retireAll(long elapsedMs);

    /** Every VU started during the run, running or retired. */
    List<VirtualUser> all();
}
