package dev.mcpload.engine;

import dev.mcpload.engine.executor.Executor;
import java.util.List;

/**
 * Several workloads side by side seen as one schedule, for what reads the plan's length and size (the engine's
 * end, the live display, the report): it lasts until the last workload ends and may ask for every workload's
 * VUs at once.
 */
public record CombinedSchedule(List<Plan.Workload> workloads) implements Executor {
    public CombinedSchedule {
        workloads = List.copyOf(workloads);
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("at least one workload is needed");
        }
    }

    @Override
    public long durationMs() {
        return workloads.stream().mapToLong(w -> w.startTimeMs() + w.executor().durationMs()).max().orElse(0);
    }

    @Override
    public int maxVus() {
        return workloads.stream().mapToInt(w -> w.executor().maxVus()).sum();
    }

    @Override
    public String name() {
        return String.join(" + ", workloads.stream().map(w -> w.name() + " (" + w.executor().name() + ")")
                .toList());
    }
}
