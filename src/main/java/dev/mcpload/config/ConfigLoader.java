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
    static final List<String> TOP_KEYS = List.of("settings", "scenario", "flow", "stage", "workload", "session",
            "inputs", "thresholds");
    static final List<String> SETTINGS_KEYS = List.of("virtual_users", "duration_secs", "timeout_ms",
            "expected_interval_ms", "request_interval_ms", "max_opening_sessions", "honor_retry_after",
            "graceful_stop_ms", "max_message_bytes");
    static final List<String> STAGE_KEYS = List.of("target_vus", "duration_secs");

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
        ScenarioReader scenarioReader = new ScenarioReader(file, problems, fields);
        List<ScenarioStep> scenarios = new ArrayList<>(scenarioReader.read(toml, toml.get("flow") != null));
        FlowReader flowReader = new FlowReader(file, problems, fields, scenarioReader);
        List<FlowConfig> flows = flowReader.read(toml, scenarios);
        checkTotalWeight(scenarios, flows, scenarioReader, flowReader);
        List<StageConfig> stages = readStages(toml);
        List<WorkloadConfig> workloads = new WorkloadReader(file, problems, fields).read(toml, scenarios, flows);
        SessionConfig session = new SessionReader(file, problems, fields).read(toml, settings)
                .withInputs(new InputsReader(problems, fields).read(toml));
        List<dev.mcpload.threshold.Threshold> thresholds = new ThresholdReader(file, problems, fields)
                .read(toml, StepKeys.of(scenarios), workloads.stream().map(WorkloadConfig::name).toList());
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
                vusAt == null ? 0 : vusAt.line(), workloads, session, flows, thresholds);
    }

    /** What a VU chooses among (the single steps and the flows, by weight) must weigh more than zero in all. */
    private void checkTotalWeight(List<ScenarioStep> scenarios, List<FlowConfig> flows, ScenarioReader sr,
                                  FlowReader fr) {
        if (!sr.weightsRead() || !fr.weightsRead() || (scenarios.isEmpty() && flows.isEmpty())) {
            return; // a weight that could not be read, or nothing at all: already reported
        }
        double total = scenarios.stream().mapToDouble(ScenarioStep::weight).sum()
                + flows.stream().mapToDouble(FlowConfig::weight).sum();
        if (!(total > 0)) {
            problems.add(file + ":" + (flows.isEmpty() ? sr.firstLine() : flows.get(0).line())
                    + ": the total weight of all [[scenario]] entries" + (flows.isEmpty() ? "" : " and [[flow]] blocks")
                    + " is 0: give at least one a weight above 0");
        }
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

    /** Like the scenarios: every entry checked; "every stage targets 0" only when every target could be read. */
    private List<StageConfig> readStages(TomlParseResult toml) {
        Object raw = toml.get("stage");
        if (raw == null) {
            return List.of();
        }
        TomlArray arr = fields.tableArray(toml, "stage", raw);
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
}
