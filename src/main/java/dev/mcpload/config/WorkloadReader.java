package dev.mcpload.config;

import java.util.ArrayList;
import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Reads the {@code [workload.NAME]} tables through the {@link ExecutorRegistry}, every problem reported. */
final class WorkloadReader {
    private final String file;
    private final ConfigProblems problems;
    private final TomlFields fields;

    WorkloadReader(String file, ConfigProblems problems, TomlFields fields) {
        this.file = file;
        this.problems = problems;
        this.fields = fields;
    }

    /**
     * {@code [workload.NAME]} tables: schedules with k6's executor names and keys ({@link ExecutorRegistry}), run
     * side by side, each with an optional {@code start_time} and {@code steps} (names of scenario steps and of
     * flows; all of them by default).
     */
    List<WorkloadConfig> read(TomlParseResult toml, List<ScenarioStep> scenarios, List<FlowConfig> flows) {
        Object raw = toml.get("workload");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof TomlTable all) || all.isEmpty()) {
            problems.add(fields.at(toml, "workload") + "'workload' must hold named tables: write [workload.NAME]");
            return List.of();
        }
        List<dev.mcpload.metrics.MetricKey> keys = scenarios.isEmpty() ? List.of() : StepKeys.of(scenarios);
        List<WorkloadConfig> out = new ArrayList<>();
        for (String name : all.keySet()) {
            WorkloadConfig w = readWorkload(all, name, keys, flows);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * {@code per = "request"} (the default: an iteration is one choice of the mix on a held session) or
     * {@code "session"} (an iteration opens a session, makes its calls and closes it); only for arrival rates.
     */
    private dev.mcpload.engine.executor.Executor perIteration(TomlTable t, String where,
                                                              dev.mcpload.engine.executor.Executor ex) {
        String per = fields.string(t, "per", where, 0);
        if (per == null || per.equals("request") || ex == null) {
            return ex;
        }
        if (!per.equals("session")) {
            problems.add(fields.at(t, "per") + where + "per = \"" + per + "\": use \"request\" (an iteration is one"
                    + " request, or flow, on a held session) or \"session\" (an iteration is a whole session)");
            return null;
        }
        if (!(ex instanceof dev.mcpload.engine.executor.OpenExecutor open)) {
            problems.add(fields.at(t, "per") + where + "per = \"session\" applies to the arrival-rate executors only:"
                    + " a " + ex.name() + " VU holds its session; for churn, set [session] calls or"
                    + " session_duration_secs");
            return null;
        }
        return new dev.mcpload.engine.executor.SessionIterations(open);
    }

    private WorkloadConfig readWorkload(TomlTable all, String name, List<dev.mcpload.metrics.MetricKey> stepKeys,
                                        List<FlowConfig> flows) {
        String where = "[workload." + name + "] ";
        if (!(all.get(List.of(name)) instanceof TomlTable t)) {
            problems.add(fields.at(all, name) + where + "must be a table of keys");
            return null;
        }
        int line = all.inputPositionOf(List.of(name)).line();
        String executor = fields.string(t, "executor", where, line);
        if (executor == null) {
            if (!t.contains("executor")) {
                problems.add(file + ":" + line + ": " + where + "has no 'executor': use one of "
                        + String.join(", ", ExecutorRegistry.names()));
            }
            return null;
        }
        ExecutorRegistry.Entry entry = ExecutorRegistry.get(executor);
        if (entry == null) {
            problems.add(fields.at(t, "executor") + where + "executor '" + executor + "' is not one mcpload runs"
                    + DidYouMean.suggest(executor, ExecutorRegistry.names()).replace("known keys", "use one of"));
            return null;
        }
        List<String> keys = new ArrayList<>(List.of("executor", "start_time", "steps", "per"));
        keys.addAll(entry.keys());
        fields.checkKeys(t, keys, where, line);
        int mark = problems.count();
        var ex = perIteration(t, where, entry.reader().read(t, where, fields, problems));
        long startMs = fields.durationMs(t, "start_time", where, 0, 0);
        List<Integer> steps = new ArrayList<>();
        List<Integer> flowIndices = new ArrayList<>();
        List<String> flowNames = flows.stream().map(FlowConfig::name).toList();
        Object rawSteps = t.get(List.of("steps"));
        if (rawSteps == null) {
            for (int i = 0; i < stepKeys.size(); i++) {
                steps.add(i);
            }
            for (int i = 0; i < flows.size(); i++) {
                flowIndices.add(i);
            }
        } else if (rawSteps instanceof TomlArray arr && !arr.isEmpty()) {
            for (int i = 0; i < arr.size(); i++) {
                String ref = arr.get(i) instanceof String s ? s : String.valueOf(arr.get(i));
                int index = arr.get(i) instanceof String ? StepKeys.find(stepKeys, ref) : -1;
                int flow = flowNames.indexOf(ref);
                if (index >= 0) {
                    steps.add(index);
                } else if (flow >= 0 && arr.get(i) instanceof String) {
                    flowIndices.add(flow);
                } else {
                    List<String> known = new ArrayList<>(StepKeys.references(stepKeys));
                    known.addAll(flowNames);
                    problems.add(fields.at(t, "steps") + where + "steps #" + (i + 1) + " " + arr.get(i) + " is not"
                            + " the name of a [[scenario]] step or a [[flow]]" + DidYouMean.suggest(ref, known)
                            .replace("known keys", "the steps are"));
                }
            }
        } else {
            problems.add(fields.at(t, "steps") + where + "steps must list step names, e.g. steps = [\"add\"]");
        }
        return ex == null || problems.addedSince(mark) ? null : new WorkloadConfig(name, ex, line, startMs, steps, flowIndices);
    }

}
