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
     * side by side, each with an optional {@code start_time} and {@code steps} (names of scenario steps).
     */
    List<WorkloadConfig> read(TomlParseResult toml, List<ScenarioStep> scenarios) {
        Object raw = toml.get("workload");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof TomlTable all) || all.isEmpty()) {
            problems.add(fields.at(toml, "workload") + "'workload' must hold named tables: write [workload.NAME]");
            return List.of();
        }
        List<String> stepNames = scenarios.isEmpty() ? List.of()
                : StepKeys.of(scenarios).stream().map(k -> k.name()).toList();
        List<WorkloadConfig> out = new ArrayList<>();
        for (String name : all.keySet()) {
            WorkloadConfig w = readWorkload(all, name, stepNames);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    private WorkloadConfig readWorkload(TomlTable all, String name, List<String> stepNames) {
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
        List<String> keys = new ArrayList<>(List.of("executor", "start_time", "steps"));
        keys.addAll(entry.keys());
        fields.checkKeys(t, keys, where, line);
        int mark = problems.count();
        var ex = entry.reader().read(t, where, fields, problems);
        long startMs = fields.durationMs(t, "start_time", where, 0, 0);
        List<Integer> steps = new ArrayList<>();
        Object rawSteps = t.get(List.of("steps"));
        if (rawSteps == null) {
            for (int i = 0; i < stepNames.size(); i++) {
                steps.add(i);
            }
        } else if (rawSteps instanceof TomlArray arr && !arr.isEmpty()) {
            for (int i = 0; i < arr.size(); i++) {
                int index = arr.get(i) instanceof String s ? stepNames.indexOf(s) : -1;
                if (index < 0) {
                    problems.add(fields.at(t, "steps") + where + "steps #" + (i + 1) + " " + arr.get(i) + " is not"
                            + " the name of a [[scenario]] step" + DidYouMean.suggest(String.valueOf(arr.get(i)),
                            stepNames).replace("known keys", "the steps are"));
                } else {
                    steps.add(index);
                }
            }
        } else {
            problems.add(fields.at(t, "steps") + where + "steps must list step names, e.g. steps = [\"add\"]");
        }
        return ex == null || problems.addedSince(mark) ? null : new WorkloadConfig(name, ex, line, startMs, steps);
    }

}
