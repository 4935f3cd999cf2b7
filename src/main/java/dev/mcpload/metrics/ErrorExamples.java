package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first few distinct error messages of each class, so a summary can say not only "42 http errors" but what
 * the server answered. Bounded, and cheap once full (one volatile read).
 */
public final class ErrorExamples {
    public static final int PER_CLASS = 3;

    /** One remembered message. */
    public record Example(ErrorClass errorClass, String operation, String message) {
    }

    private final Map<ErrorClass, List<Example>> byClass = new LinkedHashMap<>();
    private volatile boolean full;

    void offer(ErrorClass c, MetricKey key, String message) {
        if (full || message == null) {
            return;
        }
        synchronized (this) {
            List<Example> list = byClass.computeIfAbsent(c, k -> new ArrayList<>());
            if (list.size() >= PER_CLASS) {
                full = byClass.size() == ErrorClass.values().length
                        && byClass.values().stream().allMatch(l -> l.size() >= PER_CLASS);
                return;
            }
            for (Example e : list) {
                if (e.message().equals(message)) {
                    return;
                }
            }
            list.add(new Example(c, key.label(), message));
        }
    }

    public synchronized List<Example> all() {
        List<Example> out = new ArrayList<>();
        byClass.values().forEach(out::addAll);
        return out;
    }
}
