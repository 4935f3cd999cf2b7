package dev.mcpload.output;

/**
 * An output that can end the run early, such as a threshold with {@code abort_on_fail} (k6's
 * {@code WithTestRunStop}). Before {@link Output#start} it is handed what stops the run; calling that from any
 * thread ends the load as Ctrl-C does (VUs finish briefly, the result is still finished and reported).
 */
public interface StopsRun {
    void setRunStop(Runnable stopRun);
}
