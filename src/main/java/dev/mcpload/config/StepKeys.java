package dev.mcpload.config;

import dev.mcpload.metrics.MetricKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metric key of each scenario step, so that every row of a report is one thing a user configured. Steps that
 * send exactly the same request share a key (they are one row). A step naming the same tool, resource or prompt
 * as an earlier one with other arguments gets its own row, {@code add#2}, {@code add#3} ..., unless it has its
 * own {@code name}; a {@code name} used twice for different requests is numbered the same way.
 */
final class StepKeys {
    private StepKeys() {
    }

    static List<MetricKey> of(List<ScenarioStep> steps) {
        List<MetricKey> keys = new ArrayList<>();
        Map<String, List<ScenarioStep>> seen = new HashMap<>(); // "operation label" -> distinct requests, in order
        for (ScenarioStep step : steps) {
            String base = step.label() != null ? step.label() : step.name();
            List<ScenarioStep> variants = seen.computeIfAbsent(step.type() + " " + base, k -> new ArrayList<>());
            int n = indexOfSameRequest(variants, step);
            if (n < 0) {
                variants.add(step);
                n = variants.size() - 1;
            }
            keys.add(new MetricKey(step.type(), n == 0 ? base : base + "#" + (n + 1)));
        }
        return keys;
    }

    /**
     * What a flow or a workload writes to name each step: its row's name ({@code "search"}, {@code "add#2"}), or the
     * operation for one that names nothing ({@code "tools/list"}, {@code "ping"}). Index for index with {@code keys}.
     */
    static List<String> references(List<MetricKey> keys) {
        return keys.stream().map(k -> k.name().isEmpty() ? k.operation() : k.name()).toList();
    }

    /**
     * The first step {@code ref} names, or -1: by its reference (see {@link #references}) or its whole label
     * ({@code "tools/call search"}).
     */
    static int find(List<MetricKey> keys, String ref) {
        List<String> refs = references(keys);
        for (int i = 0; i < keys.size(); i++) {
            if (refs.get(i).equals(ref) || keys.get(i).label().equals(ref)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfSameRequest(List<ScenarioStep> variants, ScenarioStep step) {
        for (int i = 0; i < variants.size(); i++) {
            ScenarioStep v = variants.get(i);
            if (v.name().equals(step.name()) && Objects.equals(v.arguments(), step.arguments())) {
                return i;
            }
        }
        return -1;
    }
}
