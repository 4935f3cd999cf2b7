package dev.mcpload.config;

import dev.mcpload.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code [[scenario]]} entries — and, through {@link #readStep}, the steps written inline in a
 * {@code [[flow]]} — into {@link ScenarioStep}s. Every entry is checked, and every independent problem of an entry
 * reported. What depends on the type (which name key applies, whether arguments do) is only checked once the type
 * is known.
 */
final class ScenarioReader {
    static final List<String> SCENARIO_KEYS = List.of("type", "weight", "tool", "arguments", "uri", "prompt",
            "name");
    static final List<String> TYPES = List.of(ScenarioStep.TOOLS_CALL, ScenarioStep.RESOURCES_READ,
            ScenarioStep.PROMPTS_GET, ScenarioStep.TOOLS_LIST, ScenarioStep.PING);

    private final String file;
    private final ConfigProblems problems;
    private final TomlFields fields;

    ScenarioReader(String file, ConfigProblems problems, TomlFields fields) {
        this.file = file;
        this.problems = problems;
        this.fields = fields;
    }

    /**
     * The {@code [[scenario]]} entries. None at all is a problem unless {@code flowsPresent} (flows may write their
     * steps inline). Whether the weights add up to more than zero is checked by the caller, once the flows, which
     * carry weights of their own, are read: see {@link #weightsRead()}.
     */
    List<ScenarioStep> read(TomlParseResult toml, boolean flowsPresent) {
        Object raw = toml.get("scenario");
        if (raw == null) {
            if (!flowsPresent) {
                problems.add(file + ":1: no [[scenario]] is defined: add at least one, e.g.\n"
                        + "  [[scenario]]\n  type = \"tools/call\"\n  weight = 100\n  tool = \"add\"\n"
                        + "  arguments = { a = 1, b = 2 }");
            }
            return List.of();
        }
        TomlArray arr = fields.tableArray(toml, "scenario", raw);
        if (arr == null) {
            weightsRead = false;
            return List.of();
        }
        if (arr.isEmpty() && !flowsPresent) {
            problems.add(file + ":1: no [[scenario]] is defined: add at least one");
            return List.of();
        }
        List<ScenarioStep> steps = new ArrayList<>();
        double total = 0;
        boolean totalTooLarge = false;
        for (int i = 0; i < arr.size(); i++) {
            TomlTable t = arr.getTable(i);
            String where = "[[scenario]] #" + (i + 1) + " ";
            int line = arr.inputPositionOf(i).line();
            ScenarioStep step = readStep(t, where, line, true);
            if (weightFailed) {
                weightsRead = false;
            } else if (!totalTooLarge) {
                total += weightSeen;
                if (Double.isInfinite(total)) {
                    totalTooLarge = true;
                    problems.add(fields.at(t, "weight") + where + "weight " + t.get(List.of("weight"))
                            + " makes the total weight of the [[scenario]] entries too large to add up (above "
                            + Double.MAX_VALUE + "): weights are relative, so scale them all down, e.g. to 70 and 30");
                    step = null;
                }
            }
            if (step != null) {
                steps.add(step);
            }
        }
        firstLine = arr.isEmpty() ? 1 : arr.inputPositionOf(0).line();
        return steps;
    }

    private boolean weightsRead = true;
    private int firstLine = 1;
    private boolean weightFailed; // of the entry readStep just read
    private double weightSeen;

    /** Whether every {@code [[scenario]]} weight could be read (else their sum says nothing). */
    boolean weightsRead() {
        return weightsRead;
    }

    /** The line of the first {@code [[scenario]]}, for the message about a total weight of zero. */
    int firstLine() {
        return firstLine;
    }

    /**
     * One step: its type, the tool, URI or prompt it names, its arguments and its own name; null (reported) when
     * something in it is wrong.
     *
     * @param weighted whether the entry has a {@code weight} (a {@code [[scenario]]}); a step written inside a
     *                 flow has none (the flow's weight decides) and gets weight 0 of its own
     */
    ScenarioStep readStep(TomlTable t, String where, int line, boolean weighted) {
        int entryMark = problems.count();
        List<String> known = weighted ? SCENARIO_KEYS
                : SCENARIO_KEYS.stream().filter(k -> !k.equals("weight")).toList();
        List<String> misspelt = fields.checkKeys(t, known, where, line);
        int mark = problems.count();
        String type = fields.string(t, "type", where, line);
        boolean typeKnown = false;
        if (problems.addedSince(mark) || (type == null && misspelt.contains("type"))) {
            type = null; // not a string, or written as a misspelt key: reported
        } else if (type == null) {
            problems.add(file + ":" + line + ": " + where + "has no 'type': use one of " + String.join(", ", TYPES));
        } else if (!TYPES.contains(type)) {
            problems.add(fields.at(t, "type") + where + "type '" + type + "' is not an MCP operation"
                    + " mcpload sends" + DidYouMean.suggest(type, TYPES).replace("known keys", "use one of"));
        } else {
            typeKnown = true;
        }
        double weight = 0;
        weightFailed = false;
        if (weighted) {
            mark = problems.count();
            weight = fields.number(t, "weight", where, 1.0);
            weightFailed = problems.addedSince(mark);
            weightSeen = weight;
        }
        String name = "";
        JsonNode arguments = null;
        if (typeKnown) {
            String nameKey = switch (type) {
                case ScenarioStep.TOOLS_CALL -> "tool";
                case ScenarioStep.RESOURCES_READ -> "uri";
                case ScenarioStep.PROMPTS_GET -> "prompt";
                default -> null;
            };
            boolean nameMisplaced = misspelt.contains(nameKey); // "needs" would say it again
            for (String k : List.of("tool", "uri", "prompt")) {
                if (t.contains(k) && !k.equals(nameKey)) {
                    nameMisplaced = true;
                    problems.add(fields.at(t, k) + where + "'" + k + "' does not apply to type '" + type
                            + "'" + (nameKey == null ? "" : "; it uses '" + nameKey + "'"));
                }
            }
            if (nameKey != null) {
                mark = problems.count();
                name = fields.string(t, nameKey, where, line);
                if (!problems.addedSince(mark) && (name == null || name.isBlank()) && !nameMisplaced) {
                    problems.add(file + ":" + line + ": " + where + "of type '" + type + "' needs '" + nameKey + "'");
                }
            }
            if (t.contains("arguments")) {
                if (!type.equals(ScenarioStep.TOOLS_CALL) && !type.equals(ScenarioStep.PROMPTS_GET)) {
                    problems.add(fields.at(t, "arguments") + where + "'arguments' only applies to tools/call"
                            + " and prompts/get");
                } else if (!(t.get("arguments") instanceof TomlTable at)) {
                    problems.add(fields.at(t, "arguments") + where + "'arguments' must be a table, e.g."
                            + " arguments = { a = 1, b = 2 }");
                } else {
                    arguments = toJson(at);
                }
            }
        }
        mark = problems.count();
        String label = t.contains("name") ? fields.string(t, "name", where, line) : null;
        if (!problems.addedSince(mark) && label != null && label.isBlank()) {
            problems.add(fields.at(t, "name") + where + "'name' must not be empty");
        }
        return problems.addedSince(entryMark) ? null : new ScenarioStep(type, weight, name, arguments, line, label);
    }

    static ObjectNode toJson(TomlTable t) {
        ObjectNode o = Json.object();
        for (String k : t.keySet()) {
            o.set(k, toJsonValue(t.get(List.of(k))));
        }
        return o;
    }

    private static JsonNode toJsonValue(Object v) {
        if (v instanceof TomlTable t) {
            return toJson(t);
        }
        if (v instanceof TomlArray a) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (int i = 0; i < a.size(); i++) {
                arr.add(toJsonValue(a.get(i)));
            }
            return arr;
        }
        if (v instanceof Long l) {
            return Json.MAPPER.getNodeFactory().numberNode(l);
        }
        if (v instanceof Double d) {
            return Json.MAPPER.getNodeFactory().numberNode(d);
        }
        if (v instanceof Boolean b) {
            return Json.MAPPER.getNodeFactory().booleanNode(b);
        }
        return Json.MAPPER.getNodeFactory().stringNode(String.valueOf(v));
    }
}
