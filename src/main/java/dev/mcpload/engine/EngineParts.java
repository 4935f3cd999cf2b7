package dev.mcpload.engine;

import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.OperationMetrics;

/**
 * What every VU of one run (or of one workload) shares: where sessions come from, the clock, the gate, the
 * recorders, the driver and the picker of what to send next.
 */
record EngineParts(SessionFactory sessions, Clock clock, SessionGate gate, MetricsRegistry metrics,
                   OperationMetrics[] stepMetrics, RequestDriver driver, WeightedPicker picker) {
    EngineParts(SessionFactory sessions, Clock clock, SessionGate gate, MetricsRegistry metrics,
                OperationMetrics[] stepMetrics, Plan plan) {
        this(sessions, clock, gate, metrics, stepMetrics,
                new RequestDriver(plan.steps(), stepMetrics, plan.limits().timeoutMs(), clock),
                new WeightedPicker(plan.mix()));
    }
}
