package dev.mcpload.engine;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Interval;

/** Told of each closed interval and of the breaking point, on the engine's clock thread. Must be quick. */
public interface IntervalListener {
    void onInterval(Interval interval);

    default void onBreakingPoint(BreakingPoint breakingPoint) {
    }
}
