package dev.mcpload.config;

import dev.mcpload.threshold.Threshold;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated load-test configuration. Everything downstream trusts it: nothing re-validates or reads TOML.
 *
 * @param source           the file it came from, or null for the built-in default
 * @param warnings         things worth saying that do not stop the run, whatever the command line says
 * @param stagesWarning    the warning for when the stages run and make {@code [settings]} values irrelevant
 *                         (null when there is nothing to say); only {@link PlanBuilder#warnings} knows whether
 *                         they run
 * @param virtualUsersLine the line of {@code [settings] virtual_users} (0 when not in the file), for messages
 * @param workloads        the {@code [workload.NAME]} schedules, side by side; none: {@code [[stage]]} or
 *                         {@code [settings]}
 * @param session          the {@code [session]} profile ({@link SessionConfig#DEFAULT} without one)
 * @param flows            the {@code [[flow]]} blocks: steps run in order within a session, chosen by weight
 *                         beside the single scenario steps
 * @param thresholds       the {@code [thresholds]}, checked against the steps and workloads
 */
public record TestConfig(Settings settings, List<ScenarioStep> scenarios, List<StageConfig> stages, Path source,
                         List<String> warnings, String stagesWarning, int virtualUsersLine, List<WorkloadConfig> workloads,
                         SessionConfig session, List<FlowConfig> flows, List<Threshold> thresholds) {
    public TestConfig {
        scenarios = List.copyOf(scenarios);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        flows = flows == null ? List.of() : List.copyOf(flows);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    public TestConfig(Settings settings, List<ScenarioStep> scenarios, List<StageConfig> stages, Path source,
                      List<String> warnings) {
        this(settings, scenarios, stages, source, warnings, null, 0, List.of(), SessionConfig.DEFAULT, List.of(), List.of());
    }

    public String sourceLabel() {
        return source == null ? "built-in default scenario" : source.toString();
    }
}
