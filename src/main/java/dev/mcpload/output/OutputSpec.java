package dev.mcpload.output;

/**
 * One {@code --out NAME[=TARGET]}: the output's name and what follows the first {@code =} (null without one),
 * e.g. {@code json=out/report.json}.
 */
public record OutputSpec(String name, String target) {
    public static OutputSpec parse(String flag) {
        int eq = flag.indexOf('=');
        return eq < 0 ? new OutputSpec(flag.trim(), null)
                : new OutputSpec(flag.substring(0, eq).trim(), flag.substring(eq + 1));
    }

    /** As the user wrote it. */
    @Override
    public String toString() {
        return target == null ? name : name + "=" + target;
    }
}
