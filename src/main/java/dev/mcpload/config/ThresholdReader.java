package dev.mcpload.config;

import dev.mcpload.metrics.MetricKey;
import dev.mcpload.threshold.Threshold;
import dev.mcpload.threshold.ThresholdNames;
import dev.mcpload.threshold.ThresholdParser;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads {@code [thresholds]} as k6 writes them: each key a metric, optionally filtered
 * ({@code "mcp_req_duration{tool:search}"}, quoted because of the braces), each value an expression, an array of
 * them, or the object form {@code { threshold = "p(99) < 500", abort_on_fail = true, delay_abort_eval = "10s" }}
 * (alone or in the array). Every problem is reported with file, line and key; a filter that selects nothing the
 * test sends is one too, so no threshold passes because it judged nothing.
 */
final class ThresholdReader {
    static final List<String> OBJECT_KEYS = List.of("threshold", "abort_on_fail", "delay_abort_eval");

    private final String file;
    private final ConfigProblems problems;
    private final TomlFields fields;

    ThresholdReader(String file, ConfigProblems problems, TomlFields fields) {
        this.file = file;
        this.problems = problems;
        this.fields = fields;
    }

    List<Threshold> read(TomlParseResult toml, List<MetricKey> keys, List<String> workloads) {
        Object raw = toml.get("thresholds");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof TomlTable t)) {
            problems.add(fields.at(toml, "thresholds") + "'thresholds' must be a table: write [thresholds]");
            return List.of();
        }
        List<Threshold> out = new ArrayList<>();
        for (String target : t.keySet()) {
            String at = fields.at(t, target) + "[thresholds] " + quoted(target) + ": ";
            int line = line(t, target);
            Object v = t.get(List.of(target));
            try {
                ThresholdParser.target(target);
            } catch (IllegalArgumentException e) {
                problems.add(at + e.getMessage());
                continue;
            }
            List<Object> entries = new ArrayList<>();
            if (v instanceof TomlArray arr) {
                for (int i = 0; i < arr.size(); i++) {
                    entries.add(arr.get(i));
                }
                if (arr.isEmpty()) {
                    problems.add(at + "the array is empty: give at least one expression, e.g. \"p(99) < 500\"");
                }
            } else {
                entries.add(v);
            }
            for (Object entry : entries) {
                Threshold th = entry(target, entry, at, line);
                if (th != null) {
                    String problem = ThresholdNames.problem(th, keys, workloads);
                    if (problem != null) {
                        problems.add(at + problem);
                    } else {
                        out.add(th);
                    }
                }
            }
        }
        return out;
    }

    private Threshold entry(String target, Object entry, String at, int line) {
        String source = file + ":" + line;
        try {
            if (entry instanceof String expression) {
                return ThresholdParser.parse(target, expression, source, false, 0);
            }
            if (entry instanceof TomlTable o) {
                String where = "[thresholds] " + quoted(target) + ": ";
                int mark = problems.count();
                fields.checkKeys(o, OBJECT_KEYS, where, line);
                String expression = fields.string(o, "threshold", where, line);
                if (expression == null && !o.contains("threshold")) {
                    problems.add(at + "the object form needs threshold = \"...\", e.g. { threshold = \"p(99) < 500\","
                            + " abort_on_fail = true }");
                }
                boolean abort = fields.bool(o, "abort_on_fail", where, false);
                long delay = fields.durationMs(o, "delay_abort_eval", where, 0, 0);
                if (o.contains("delay_abort_eval") && !abort) {
                    problems.add(fields.at(o, "delay_abort_eval") + where + "delay_abort_eval only matters with"
                            + " abort_on_fail = true");
                }
                return problems.addedSince(mark) || expression == null ? null
                        : ThresholdParser.parse(target, expression, source, abort, delay);
            }
        } catch (IllegalArgumentException e) {
            problems.add(at + e.getMessage());
            return null;
        }
        problems.add(at + "each threshold is an expression in quotes (\"p(99) < 500\"), an array of them, or"
                + " { threshold = \"...\", abort_on_fail = true }, not " + TomlFields.describe(entry));
        return null;
    }

    private static int line(TomlTable t, String key) {
        TomlPosition p = t.inputPositionOf(List.of(key));
        return p == null ? 1 : p.line();
    }

    private static String quoted(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    }
}
