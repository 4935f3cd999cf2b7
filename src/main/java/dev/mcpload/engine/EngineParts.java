package dev.mcpload.engine;

import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.OperationMetrics;

/** What every VU of one run shares: where sessions come from, the clock, the gate and the recorders. */
record EngineParts(SessionFactory sessions, Clock clock, SessionGate gate, MetricsRegistry metrics,
                   OperationMetrics[] stepMetrics) {
}
