package dev.mcpload.metrics;

/**
 * What a latency or a count is about: an operation ({@code tools/call}, {@code resources/read}, ...), the tool,
 * resource or prompt it names (empty for operations without one, such as {@code tools/list}) and, when several
 * workloads run side by side, the workload that sent it (empty otherwise), so their figures can be told apart.
 */
public record MetricKey(String operation, String name, String workload) implements Comparable<MetricKey> {
    public static final MetricKey INITIALIZE = new MetricKey("initialize", "");

    public MetricKey {
        name = name == null ? "" : name;
        workload = workload == null ? "" : workload;
    }

    public MetricKey(String operation, String name) {
        this(operation, name, "");
    }

    /** The same request, sent by {@code w}. */
    public MetricKey inWorkload(String w) {
        return new MetricKey(operation, name, w);
    }

    /** "tools/call add", or just the operation; "tools/call add [open]" when workload "open" sent it. */
    public String label() {
        String base = name.isEmpty() ? operation : operation + " " + name;
        return workload.isEmpty() ? base : base + " [" + workload + "]";
    }

    @Override
    public int compareTo(MetricKey o) {
        int c = operation.compareTo(o.operation);
        c = c != 0 ? c : name.compareTo(o.name);
        return c != 0 ? c : workload.compareTo(o.workload);
    }
}
