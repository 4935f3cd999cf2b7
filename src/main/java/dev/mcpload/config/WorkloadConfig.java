package dev.mcpload.config;

import dev.mcpload.engine.executor.Executor;
import java.util.List;

/**
 * A {@code [workload.NAME]} table, read: its name, the executor it names with its schedule, the line it starts at
 * (for messages), when it starts ({@code start_time}) and the steps it sends ({@code steps}, indices into the
 * scenario list; all of them by default) and the flows it runs ({@code flows}, indices into the flow list; named
 * in {@code steps} too, all of them by default). k6 calls these "scenarios"; here {@code [[scenario]]} already names the
 * weighted steps of the seed chapter, so a schedule is a workload.
 */
public record WorkloadConfig(String name, Executor executor, int line, long startTimeMs, List<Integer> steps,
                             List<Integer> flows) {
    public WorkloadConfig {
        steps = List.copyOf(steps);
        flows = List.copyOf(flows);
    }
}
