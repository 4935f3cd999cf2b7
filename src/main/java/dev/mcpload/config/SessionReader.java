package dev.mcpload.config;

import dev.mcpload.engine.Refresh;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Reads {@code [session]}: the VUs' session profile, every problem reported with file, line and key. */
final class SessionReader {
    static final List<String> SESSION_KEYS = List.of("calls", "think_time_ms", "think_time", "session_duration_secs",
            "arrival_jitter_ms", "arrival", "standalone_stream", "client_capabilities", "list_tools",
            "discover");

    private final String file;
    private final ConfigProblems problems;
    private final TomlFields fields;

    SessionReader(String file, ConfigProblems problems, TomlFields fields) {
        this.file = file;
        this.problems = problems;
        this.fields = fields;
    }

    /** {@code [session]}: what a VU's sessions look like (every key optional: one session held, no pause). */
    SessionConfig read(TomlParseResult toml, Settings settings) {
        Object raw = toml.get("session");
        if (raw == null) {
            return SessionConfig.DEFAULT;
        }
        if (!(raw instanceof TomlTable t)) {
            problems.add(fields.at(toml, "session") + "'session' must be a table: write [session]");
            return SessionConfig.DEFAULT;
        }
        String where = "[session] ";
        fields.checkKeys(t, SESSION_KEYS, where, 0);
        dev.mcpload.engine.Range calls = fields.range(t, "calls", where, dev.mcpload.engine.Range.ZERO, 1);
        dev.mcpload.engine.ThinkTime think = null;
        if (t.contains("think_time_ms")) {
            if (settings.requestIntervalMs() > 0) {
                problems.add(fields.at(t, "think_time_ms") + where + "think_time_ms and [settings] request_interval_ms"
                        + " both set the pause between calls: keep one");
            }
            dev.mcpload.engine.Range r = fields.range(t, "think_time_ms", where, dev.mcpload.engine.Range.ZERO, 0);
            String kind = fields.string(t, "think_time", where, 0);
            if (kind == null || kind.equals("uniform")) {
                think = dev.mcpload.engine.ThinkTime.uniform(r.min(), r.max());
            } else if (kind.equals("exponential")) {
                if (r.min() != r.max()) {
                    problems.add(fields.at(t, "think_time") + where + "an exponential think time has one mean:"
                            + " write think_time_ms = 2000, not a range");
                }
                think = dev.mcpload.engine.ThinkTime.exponential(r.max());
            } else {
                problems.add(fields.at(t, "think_time") + where + "think_time '" + kind + "' is not a distribution"
                        + " mcpload draws: use uniform (the default) or exponential");
            }
        } else if (t.contains("think_time")) {
            problems.add(fields.at(t, "think_time") + where + "think_time needs think_time_ms (the range, or the"
                    + " exponential's mean)");
        }
        long durationMs = fields.durationMs(t, "session_duration_secs", where, 0, 1);
        dev.mcpload.engine.Range jitter = fields.range(t, "arrival_jitter_ms", where, dev.mcpload.engine.Range.ZERO,
                0);
        String arrival = fields.string(t, "arrival", where, 0);
        if (arrival != null && !arrival.equals("spike") && !arrival.equals("jitter")) {
            problems.add(fields.at(t, "arrival") + where + "arrival '" + arrival + "': use spike (every VU at once)"
                    + " or jitter (with arrival_jitter_ms)");
        } else if ("spike".equals(arrival) && !jitter.isZero()) {
            problems.add(fields.at(t, "arrival") + where + "arrival = \"spike\" starts every VU at once, and"
                    + " arrival_jitter_ms spreads them: keep one");
        }
        boolean stream = fields.bool(t, "standalone_stream", where, true);
        java.util.Set<dev.mcpload.transport.ClientCapability> caps = new java.util.HashSet<>();
        Object rawCaps = t.get(List.of("client_capabilities"));
        if (rawCaps instanceof TomlArray arr) {
            for (int i = 0; i < arr.size(); i++) {
                try {
                    caps.add(dev.mcpload.transport.ClientCapability.fromName(String.valueOf(arr.get(i))));
                } catch (IllegalArgumentException e) {
                    problems.add(fields.at(t, "client_capabilities") + where + "client_capabilities #" + (i + 1)
                            + ": " + e.getMessage());
                }
            }
        } else if (rawCaps != null) {
            problems.add(fields.at(t, "client_capabilities") + where + "client_capabilities must list capabilities,"
                    + " e.g. client_capabilities = [\"roots\", \"sampling\", \"elicitation\"]");
        }
        Refresh listTools = refresh(t, "list_tools", where, EnumSet.allOf(Refresh.class),
                "never (the default), once (per session) or when_stale (again when the list's ttlMs has run out)");
        Refresh discover = refresh(t, "discover", where, EnumSet.of(Refresh.ONCE, Refresh.WHEN_STALE),
                "once (per session, the default) or when_stale (again when the discover result's ttlMs has run out;"
                        + " 2026-07-28)");
        return new SessionConfig(think, calls, durationMs, jitter, stream, caps, null, listTools, discover);
    }

    /** A refresh field ({@code list_tools}, {@code discover}): null when absent, or not one of {@code allowed}. */
    private Refresh refresh(TomlTable t, String key, String where, Set<Refresh> allowed, String use) {
        String label = fields.string(t, key, where, 0);
        Refresh r = label == null ? null : Refresh.of(label);
        if (label != null && (r == null || !allowed.contains(r))) {
            problems.add(fields.at(t, key) + where + key + " '" + label + "': use " + use);
            return null;
        }
        return r;
    }

}
