package dev.mcpload.config;

import dev.mcpload.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a loadtest TOML file into a {@link TestConfig}, checking everything once: syntax, unknown keys (with a
 * suggestion), types, ranges, the rules of the loadtest chapter (a scenario, a positive total weight, stages
 * longer than zero). Every message starts with {@code file:line:} and names the key. Every problem of the file
 * is reported at once ({@link ConfigProblems}), except where one makes the rest meaningless: a syntax error
 * stops everything, a section that is not a table (or not blocks of tables) is not looked into, and what
 * depends on a value that could not be read (the type of a scenario, every weight, every stage target) is not
 * checked.
 */
public final class ConfigLoader {
    static final List<String> TOP_KEYS = List.of("settings", "scenario", "stage", "workload", "session");
    static final List<String> SETTINGS_KEYS = List.of("virtual_users", "duration_secs", "timeout_ms",
            "expected_interval_ms", "request_interval_ms", "max_opening_sessions", "honor_retry_after",
            "graceful_stop_ms", "max_message_bytes");
    static final List<String> SCENARIO_KEYS = List.of("type", "weight", "tool", "arguments", "uri", "prompt",
            "name");
    static final List<String> STAGE_KEYS = List.of("target_vus", "duration_secs");
    static final List<String> TYPES = List.of(ScenarioStep.TOOLS_CALL, ScenarioStep.RESOURCES_READ,
            ScenarioStep.PROMPTS_GET, ScenarioStep.TOOLS_LIST, ScenarioStep.PING);

    private final String file;
    private final ConfigProblems problems;
    private final TomlFields fields;

    private ConfigLoader(String file) {
        this.file = file;
        this.problems = new ConfigProblems(file);
        this.fields = new TomlFields(file, problems);
    }

    public static TestConfig load(Path path) {
        if (Files.isDirectory(path)) {
            Path inside = path.resolve("loadtest.toml");
            throw new ConfigException(path + " is a directory, not a config file: name the file"
                    + (Files.isRegularFile(inside) ? ", e.g. --config " + inside : " itself (a .toml file)"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read the config file: " + FileErrors.reason(e));
        }
        return parse(TextDecoding.decode(bytes, path.toString()), path);
    }

    /** Parses {@code text}; {@code path} is only used in messages and recorded as the source. */
    public static TestConfig parse(String text, Path path) {
        return new ConfigLoader(path == null ? "<config>" : path.toString()).read(text, path);
    }

    private TestConfig read(String text, Path path) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte-order mark: accepted, see TextDecoding
        }
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) { // nothing after a syntax error can be trusted: report it (up to 3) and stop
            StringBuilder sb = new StringBuilder();
            for (TomlParseError e : toml.errors().subList(0, Math.min(3, toml.errors().size()))) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                int line = e.position().line();
                int column = e.position().column();
                String invisible = InvisibleChars.explainAt(text, line, column);
                sb.append(file).append(':').append(line).append(':').append(column).append(": ")
                        .append(invisible != null ? invisible : "TOML syntax error: " + e.getMessage());
            }
            throw new ConfigException(sb.toString());
        }
        fields.checkKeys(toml, TOP_KEYS, "", 0);
        Settings settings = readSettings(toml);
        List<ScenarioStep> scenarios = readScenarios(toml);
        List<StageConfig> stages = readStages(toml);
        List<WorkloadConfig> workloads = new WorkloadReader(file, problems, fields).read(toml, scenarios);
        SessionConfig session = new SessionReader(file, problems, fields).read(toml, settings);
        problems.throwIfAny();
        String stagesWarning = null;
        if (!stages.isEmpty() && (settings.virtualUsersSet() || settings.durationSet())) {
            int total = stages.stream().mapToInt(StageConfig::durationSecs).sum();
            String keys = settings.virtualUsersSet() && settings.durationSet() ? "virtual_users and duration_secs are"
                    : settings.virtualUsersSet() ? "virtual_users is" : "duration_secs is";
            stagesWarning = fields.at(toml.getTable("settings"), settings.virtualUsersSet() ? "virtual_users"
                    : "duration_secs") + "[settings] " + keys + " ignored because [[stage]] blocks are present"
                    + " (the stages run " + total + " s in all; --vus or --duration would replace them)";
        }
        TomlTable settingsTable = toml.getTable("settings");
        TomlPosition vusAt = settingsTable == null ? null : settingsTable.inputPositionOf(List.of("virtual_users"));
        if (!workloads.isEmpty() && (!stages.isEmpty() || settings.virtualUsersSet() || settings.durationSet())) {
            stagesWarning = file + ":" + workloads.get(0).line() + ": [workload] sets the schedule:"
                    + " [[stage]] blocks and [settings] virtual_users / duration_secs are ignored";
        }
        return new TestConfig(settings, scenarios, stages, path, List.of(), stagesWarning,
                vusAt == null ? 0 : vusAt.line(), workloads, session);
    }

    private Settings readSettings(TomlParseResult toml) {
        Object raw = toml.get("settings");
        if (raw == null) {
            return Settings.defaults();
        }
        if (!(raw instanceof TomlTable t)) { // its keys cannot be checked; the other sections still are
            problems.add(fields.at(toml, "settings") + "'settings' must be a table: write [settings]");
            return Settings.defaults();
        }
        fields.checkKeys(t, SETTINGS_KEYS, "[settings] ", 0);
        Settings d = Settings.defaults();
        return new Settings(
                fields.intValue(t, "virtual_users", "[settings] ", d.virtualUsers(), 1),
                fields.seconds(t, "duration_secs", "[settings] ", d.durationSecs(), 1),
                fields.intValue(t, "timeout_ms", "[settings] ", d.timeoutMs(), 1),
                fields.intValue(t, "expected_interval_ms", "[settings] ", d.expectedIntervalMs(), 0),
                fields.intValue(t, "request_interval_ms", "[settings] ", d.requestIntervalMs(), 0),
                fields.intValue(t, "max_opening_sessions", "[settings] ", d.maxOpeningSessions(), 0),
                fields.bool(t, "honor_retry_after", "[settings] ", d.honorRetryAfter()),
                fields.intValue(t, "graceful_stop_ms", "[settings] ", d.gracefulStopMs(), 0),
                fields.intValue(t, "max_message_bytes", "[settings] ", d.maxMessageBytes(), 1024),
                t.contains("virtual_users"), t.contains("duration_secs"));
    }

    /**
     * Every entry is checked, and every independent problem of an entry reported. What depends on the type
     * (which name key applies, whether arguments do) is only checked once the type is known, and the total
     * weight only when every weight could be read.
     */
    private List<ScenarioStep> readScenarios(TomlParseResult toml) {
        Object raw = toml.get("scenario");
        if (raw == null) {
            problems.add(file + ":1: no [[scenario]] is defined: add at least one, e.g.\n"
                    + "  [[scenario]]\n  type = \"tools/call\"\n  weight = 100\n  tool = \"add\"\n"
                    + "  arguments = { a = 1, b = 2 }");
            return List.of();
        }
        TomlArray arr = tableArray(toml, "scenario", raw);
        if (arr == null) {
            return List.of();
        }
        if (arr.isEmpty()) {
            problems.add(file + ":1: no [[scenario]] is defined: add at least one");
            return List.of();
        }
        List<ScenarioStep> steps = new ArrayList<>();
        double total = 0;
        boolean weightsRead = true;
        boolean totalTooLarge = false;
        for (int i = 0; i < arr.size(); i++) {
            TomlTable t = arr.getTable(i);
            String where = "[[scenario]] #" + (i + 1) + " ";
            int line = arr.inputPositionOf(i).line();
            int entryMark = problems.count();
            List<String> misspelt = fields.checkKeys(t, SCENARIO_KEYS, where, line);
            int mark = problems.count();
            String type = fields.string(t, "type", where, line);
            boolean typeKnown = false;
            if (problems.addedSince(mark) || (type == null && misspelt.contains("type"))) {
                type = null; // not a string, or written as a misspelt key: reported
            } else if (type == null) {
                problems.add(file + ":" + line + ": " + where + "has no 'type': use one of "
                        + String.join(", ", TYPES));
            } else if (!TYPES.contains(type)) {
                problems.add(fields.at(t, "type") + where + "type '" + type + "' is not an MCP operation"
                        + " mcpload sends" + DidYouMean.suggest(type, TYPES).replace("known keys", "use one of"));
            } else {
                typeKnown = true;
            }
            mark = problems.count();
            double weight = fields.number(t, "weight", where, 1.0);
            if (problems.addedSince(mark)) {
                weightsRead = false;
            } else if (!totalTooLarge) {
                total += weight;
                if (Double.isInfinite(total)) {
                    totalTooLarge = true;
                    problems.add(fields.at(t, "weight") + where + "weight " + t.get(List.of("weight"))
                            + " makes the total weight of the [[scenario]] entries too large to add up (above "
                            + Double.MAX_VALUE + "): weights are relative, so scale them all down, e.g. to 70 and 30");
                }
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
                        problems.add(file + ":" + line + ": " + where + "of type '" + type
                                + "' needs '" + nameKey + "'");
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
            if (!problems.addedSince(entryMark)) {
                steps.add(new ScenarioStep(type, weight, name, arguments, line, label));
            }
        }
        if (weightsRead && !(total > 0)) {
            problems.add(file + ":" + arr.inputPositionOf(0).line()
                    + ": the total weight of all [[scenario]] entries is 0: give at least one a weight above 0");
        }
        return steps;
    }

    /** Like the scenarios: every entry checked; "every stage targets 0" only when every target could be read. */
    private List<StageConfig> readStages(TomlParseResult toml) {
        Object raw = toml.get("stage");
        if (raw == null) {
            return List.of();
        }
        TomlArray arr = tableArray(toml, "stage", raw);
        if (arr == null) {
            return List.of();
        }
        List<StageConfig> stages = new ArrayList<>();
        boolean targetsRead = true;
        boolean someTargetAbove0 = false;
        for (int i = 0; i < arr.size(); i++) {
            TomlTable t = arr.getTable(i);
            String where = "[[stage]] #" + (i + 1) + " ";
            int line = arr.inputPositionOf(i).line();
            int entryMark = problems.count();
            List<String> misspelt = fields.checkKeys(t, STAGE_KEYS, where, line);
            for (String k : STAGE_KEYS) {
                if (!t.contains(k) && !misspelt.contains(k)) {
                    problems.add(file + ":" + line + ": " + where + "needs '" + k + "'");
                }
            }
            int mark = problems.count();
            int target = fields.intValue(t, "target_vus", where, 0, 0);
            if (problems.addedSince(mark) || !t.contains("target_vus")) {
                targetsRead = false;
            } else if (target > 0) {
                someTargetAbove0 = true;
            }
            mark = problems.count();
            int duration = fields.seconds(t, "duration_secs", where, 0, 0);
            if (!problems.addedSince(mark) && t.contains("duration_secs") && duration == 0) {
                problems.add(fields.at(t, "duration_secs") + where + "duration_secs must be greater than 0");
            }
            if (!problems.addedSince(entryMark)) {
                TomlPosition targetAt = t.inputPositionOf(List.of("target_vus"));
                stages.add(new StageConfig(target, duration, targetAt == null ? line : targetAt.line()));
            }
        }
        if (!arr.isEmpty() && targetsRead && !someTargetAbove0) {
            problems.add(fields.at(arr.getTable(0), "target_vus") + "[[stage]] #1 target_vus: every [[stage]]"
                    + " targets 0 VUs, so no virtual user would ever start and nothing would be measured: give at"
                    + " least one stage a target_vus above 0");
        }
        return stages;
    }

    // ---- helpers: each reports what it finds to problems and goes on with the default ------------------------

    /** The blocks of {@code key}, or null when they are not blocks of tables (reported; nothing in them is checked). */
    private TomlArray tableArray(TomlParseResult toml, String key, Object raw) {
        if (!(raw instanceof TomlArray arr)) {
            problems.add(fields.at(toml, key) + "'" + key + "' must be written as [[" + key + "]] blocks");
            return null;
        }
        int mark = problems.count();
        for (int i = 0; i < arr.size(); i++) {
            if (!(arr.get(i) instanceof TomlTable)) {
                TomlPosition p = arr.inputPositionOf(i);
                problems.add(file + ":" + (p == null ? 1 : p.line()) + ": " + key + ": entry #" + (i + 1)
                        + " is " + fields.describe(arr.get(i)) + ", not a table: every " + key + " entry is a table of"
                        + " keys; write each as a [[" + key + "]] block");
            }
        }
        return problems.addedSince(mark) ? null : arr;
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
