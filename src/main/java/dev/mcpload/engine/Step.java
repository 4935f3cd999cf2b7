package dev.mcpload.engine;

import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.RequestEncoder;

/** One weighted entry of the scenario mix, ready to send: its request's encoder (built once), its metric key. */
public record Step(MetricKey key, RequestEncoder request, double weight) {
    public Step {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number >= 0");
        }
    }
}
