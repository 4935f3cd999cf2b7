package dev.mcpload.engine;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Sample;

/** Told of each closed interval and of the breaking point, on the engine's clock thread. Must be quick. */
public interface SampleListener {
    void onSample(Sample sample, int stageCount);

    default void onBreakingPoint(BreakingPoint breakingPoint) {
    }
}
