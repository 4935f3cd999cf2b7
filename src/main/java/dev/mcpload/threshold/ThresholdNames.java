package dev.mcpload.threshold;

import dev.mcpload.config.DidYouMean;
import dev.mcpload.metrics.MetricKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A filter's values against what the plan sends: {@code {tool:serach}} selects nothing, and a threshold on
 * nothing would judge an empty metric, so a value no step has is a config error with the closest one named.
 */
public final class ThresholdNames {
    private ThresholdNames() {
    }

    /** Why {@code t}'s filter selects nothing the plan sends, or null when every value names something. */
    public static String problem(Threshold t, List<MetricKey> keys, List<String> workloads) {
        for (var e : t.tags().entrySet()) {
            Set<String> known = new LinkedHashSet<>();
            switch (e.getKey()) {
                case "operation" -> keys.forEach(k -> known.add(k.operation()));
                case "workload" -> known.addAll(workloads);
                default -> keys.stream().filter(k -> !k.name().isEmpty())
                        .filter(k -> e.getKey().equals("name") || k.operation().equals(operationOf(e.getKey())))
                        .forEach(k -> known.add(k.name()));
            }
            if (!known.contains(e.getValue())) {
                String close = DidYouMean.closest(e.getValue(), known);
                return "{" + e.getKey() + ":" + e.getValue() + "} selects nothing this test sends" + (close != null
                        ? "; did you mean '" + close + "'?" : known.isEmpty() ? " (it sends no " + e.getKey() + ")"
                        : "; it sends " + e.getKey() + " " + String.join(", ", known));
            }
        }
        return null;
    }

    /** The operation a tag implies: {@code tool} → tools/call. */
    private static String operationOf(String tag) {
        return switch (tag) {
            case "tool" -> "tools/call";
            case "resource" -> "resources/read";
            default -> "prompts/get";
        };
    }
}
