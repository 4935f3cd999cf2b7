package dev.mcpload.config;

import dev.mcpload.metrics.MetricKey;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads the {@code [[flow]]} blocks: {@code name}, {@code weight} and {@code steps}, each step either the name of
 * a {@code [[scenario]]} step (as the report names it: {@code "search"}, {@code "tools/list"}, {@code "add#2"}) or a
 * step written inline as a table with the keys of a {@code [[scenario]]} (without {@code weight}). Inline steps are
 * appended to the scenario list with weight 0: they get their own row in the report, and are only sent in order.
 */
final class FlowReader {
    static final List<String> FLOW_KEYS = List.of("name", "weight", "steps");

    private final String file;
    private final ConfigProblems problems;
    private final TomlFields fields;
    private final ScenarioReader scenarios;
    private boolean weightsRead = true;

    FlowReader(String file, ConfigProblems problems, TomlFields fields, ScenarioReader scenarios) {
        this.file = file;
        this.problems = problems;
        this.fields = fields;
        this.scenarios = scenarios;
    }

    /** Whether every flow's weight could be read (else the total weight says nothing). */
    boolean weightsRead() {
        return weightsRead;
    }

    /** The flows; {@code steps} (mutable) gains the steps written inline. */
    List<FlowConfig> read(TomlParseResult toml, List<ScenarioStep> steps) {
        Object raw = toml.get("flow");
        if (raw == null) {
            return List.of();
        }
        TomlArray arr = fields.tableArray(toml, "flow", raw);
        if (arr == null) {
            weightsRead = false;
            return List.of();
        }
        List<String> refs = StepKeys.references(StepKeys.of(steps)); // the named steps only, not inline ones
        List<FlowConfig> flows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            TomlTable t = arr.getTable(i);
            int line = arr.inputPositionOf(i).line();
            int mark = problems.count();
            String name = t.contains("name") ? fields.string(t, "name", "[[flow]] #" + (i + 1) + " ", line) : null;
            if (name == null || name.isBlank()) {
                if (name != null) {
                    problems.add(fields.at(t, "name") + "[[flow]] #" + (i + 1) + " 'name' must not be empty");
                }
                name = "flow #" + (i + 1);
            } else if (names.contains(name)) {
                problems.add(fields.at(t, "name") + "[[flow]] #" + (i + 1) + " name '" + name + "' is already the"
                        + " name of an earlier flow: give each flow its own");
            }
            names.add(name);
            String where = "[[flow]] " + (t.contains("name") ? "'" + name + "' " : "#" + (i + 1) + " ");
            fields.checkKeys(t, FLOW_KEYS, where, line);
            int weightMark = problems.count();
            double weight = fields.number(t, "weight", where, 1.0);
            if (problems.addedSince(weightMark)) {
                weightsRead = false;
            }
            List<Integer> order = readSteps(t, where, line, steps, refs);
            if (!problems.addedSince(mark)) {
                flows.add(new FlowConfig(name, weight, order, line));
            }
        }
        return flows;
    }

    private List<Integer> readSteps(TomlTable t, String where, int line, List<ScenarioStep> steps,
                                    List<String> refs) {
        List<Integer> order = new ArrayList<>();
        Object raw = t.get(List.of("steps"));
        if (raw == null) {
            problems.add(file + ":" + line + ": " + where + "needs 'steps': the steps it runs in order, e.g."
                    + " steps = [\"tools/list\", \"search\"]");
            return order;
        }
        if (!(raw instanceof TomlArray arr) || arr.isEmpty()) {
            problems.add(fields.at(t, "steps") + where + "steps must list at least one step: names of [[scenario]]"
                    + " steps or inline tables, e.g. steps = [\"tools/list\", { type = \"tools/call\", tool = \"search\" }]");
            return order;
        }
        List<MetricKey> keys = StepKeys.of(steps);
        for (int i = 0; i < arr.size(); i++) {
            Object item = arr.get(i);
            String itemWhere = where + "steps #" + (i + 1) + " ";
            if (item instanceof String ref) {
                int index = StepKeys.find(keys.subList(0, refs.size()), ref);
                if (index < 0) {
                    problems.add(fields.at(t, "steps") + itemWhere + "'" + ref + "' is not the name of a [[scenario]]"
                            + " step" + (refs.isEmpty() ? " (there are none: write the step inline as a table)"
                            : DidYouMean.suggest(ref, refs).replace("known keys", "the steps are")));
                } else {
                    order.add(index);
                }
            } else if (item instanceof TomlTable inline) {
                ScenarioStep step = scenarios.readStep(inline, itemWhere, arr.inputPositionOf(i).line(), false);
                if (step != null) {
                    steps.add(step);
                    order.add(steps.size() - 1);
                }
            } else {
                problems.add(fields.at(t, "steps") + itemWhere + "is " + TomlFields.describe(item) + ": a step is the"
                        + " name of a [[scenario]] step in quotes, or an inline table such as { type = \"ping\" }");
            }
        }
        return order;
    }
}
