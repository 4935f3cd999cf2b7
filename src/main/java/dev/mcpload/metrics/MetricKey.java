package dev.mcpload.metrics;

/**
 * What a latency or a count is about: an operation ({@code tools/call}, {@code resources/read}, ...) and the
 * tool, resource or prompt it names (empty for operations without one, such as {@code tools/list}).
 */
public record MetricKey(String operation, String name) implements Comparable<MetricKey> {
    public static final MetricKey INITIALIZE = new MetricKey("initialize", "");

    public MetricKey {
        name = name == null ? "" : name;
    }

    /** "tools/call add", or just the operation. */
    public String label() {
        return name.isEmpty() ? operation : operation + " " + name;
    }

    @Override
    public int compareTo(MetricKey o) {
        int c = operation.compareTo(o.operation);
        return c != 0 ? c : name.compareTo(o.name);
    }
}
