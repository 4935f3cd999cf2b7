package dev.mcpload.config;

import dev.mcpload.engine.executor.Executor;

/**
 * A {@code [workload.NAME]} table, read: its name, the executor it names with its schedule, and the line it starts
 * at (for messages). k6 calls these "scenarios"; here {@code [[scenario]]} already names the weighted steps of the
 * seed chapter, so a schedule is a workload.
 */
public record WorkloadConfig(String name, Executor executor, int line) {
}
