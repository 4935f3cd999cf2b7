package dev.mcpload.config;

import java.util.List;

/**
 * A {@code [[flow]]} block, read: steps run in order within one session (e.g. {@code tools/list} → {@code search}
 * → {@code fetch}), chosen against the single {@code [[scenario]]} steps and the other flows by its weight.
 *
 * @param name   its name in messages and the report ({@code name = "..."}, else {@code flow #N})
 * @param weight relative, on the same scale as the {@code [[scenario]]} weights
 * @param steps  indices into the scenario list, in order; a step written inline in the flow was appended to that
 *               list with weight 0, so it is only ever sent as part of the flow
 * @param line   where the block starts, for messages
 */
public record FlowConfig(String name, double weight, List<Integer> steps, int line) {
    public FlowConfig {
        steps = List.copyOf(steps);
    }
}
