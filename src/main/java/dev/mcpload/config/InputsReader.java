package dev.mcpload.config;

import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.McpMethods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code [inputs]}: the canned answers a VU gives when a server asks for input (an {@code input_required}
 * result of 2026-07-28, or a server request on a 2025 session), one table per kind, written as the result the
 * client sends: {@code [inputs.elicitation]} an ElicitResult, {@code [inputs.sampling]} a CreateMessageResult,
 * {@code [inputs.roots]} a ListRootsResult. Each is checked for the members the spec requires, so a typo fails at
 * load time with file, line and key, not as a server error mid-run.
 */
final class InputsReader {
    static final List<String> INPUT_KEYS = List.of("elicitation", "sampling", "roots", "max_round_trips");
    private static final List<String> ACTIONS = List.of("accept", "decline", "cancel");

    private final ConfigProblems problems;
    private final TomlFields fields;

    InputsReader(ConfigProblems problems, TomlFields fields) {
        this.problems = problems;
        this.fields = fields;
    }

    InputAnswers read(TomlParseResult toml) {
        Object raw = toml.get("inputs");
        if (raw == null) {
            return InputAnswers.NONE;
        }
        if (!(raw instanceof TomlTable t)) {
            problems.add(fields.at(toml, "inputs") + "'inputs' must be a table: write [inputs.elicitation] and so on");
            return InputAnswers.NONE;
        }
        String where = "[inputs] ";
        fields.checkKeys(t, INPUT_KEYS, where, 0);
        int maxRoundTrips = fields.intValue(t, "max_round_trips", where, InputAnswers.DEFAULT_MAX_ROUND_TRIPS, 2);
        Map<String, JsonNode> byMethod = new LinkedHashMap<>();
        TomlTable elicitation = table(t, "elicitation");
        if (elicitation != null) {
            String action = fields.string(elicitation, "action", "[inputs.elicitation] ", 0);
            if (action == null || !ACTIONS.contains(action)) {
                problems.add(fields.at(t, "elicitation") + "[inputs.elicitation] needs action = \"accept\", "
                        + "\"decline\" or \"cancel\"" + (action == null ? "" : ", not '" + action + "'")
                        + " (and, to accept, content = { field = \"value\" })");
            } else if (elicitation.contains("content") && !(elicitation.get("content") instanceof TomlTable)) {
                problems.add(fields.at(elicitation, "content") + "[inputs.elicitation] content must be a table of the"
                        + " form's fields, e.g. content = { name = \"Ada\" }");
            }
            byMethod.put(McpMethods.ELICITATION_CREATE, ScenarioReader.toJson(elicitation));
        }
        TomlTable sampling = table(t, "sampling");
        if (sampling != null) {
            for (String key : List.of("role", "content", "model")) {
                if (!sampling.contains(key)) {
                    problems.add(fields.at(t, "sampling") + "[inputs.sampling] needs '" + key + "' (a"
                            + " CreateMessageResult: role = \"assistant\", content = { type = \"text\", text = \"...\" },"
                            + " model = \"...\")");
                }
            }
            byMethod.put(McpMethods.SAMPLING_CREATE_MESSAGE, ScenarioReader.toJson(sampling));
        }
        TomlTable roots = table(t, "roots");
        if (roots != null) {
            if (!(roots.get("roots") instanceof org.tomlj.TomlArray)) {
                problems.add(fields.at(t, "roots") + "[inputs.roots] needs roots = [{ uri = \"file:///...\","
                        + " name = \"...\" }] (a ListRootsResult; roots = [] for none)");
            }
            byMethod.put(McpMethods.ROOTS_LIST, ScenarioReader.toJson(roots));
        }
        return new InputAnswers(byMethod, Math.max(2, maxRoundTrips));
    }

    private TomlTable table(TomlTable inputs, String key) {
        Object v = inputs.get(List.of(key));
        if (v == null) {
            return null;
        }
        if (!(v instanceof TomlTable t)) {
            problems.add(fields.at(inputs, key) + "[inputs] '" + key + "' must be a table: write [inputs." + key + "]");
            return null;
        }
        return t;
    }
}
