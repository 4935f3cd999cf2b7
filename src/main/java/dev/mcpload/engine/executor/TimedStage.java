package dev.mcpload.engine.executor;

import java.util.List;

/** A stage of a staged schedule (ramping VUs or ramping arrival rate): what they share is how long each lasts. */
public interface TimedStage {
    long durationMs();

    /** The 1-based stage running at {@code elapsedMs}; the last one from its end on. */
    static int stageAt(List<? extends TimedStage> stages, long elapsedMs) {
        long end = 0;
        for (int i = 0; i < stages.size(); i++) {
            end += stages.get(i).durationMs();
            if (elapsedMs < end) {
                return i + 1;
            }
        }
        return stages.size();
    }
}
