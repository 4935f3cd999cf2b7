package dev.mcpload.compare;

import dev.mcpload.result.RunResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * How two runs were set up differently: a comparison of a 10-VU run with a 50-VU run, or of two servers, is
 * a comparison of different tests, and the table says so before anyone reads a regression into it. Compared:
 * the target, the server and its protocol version, the transport, and every value of the config as run except
 * those that differ on every run by design (the random seed, where the config came from). Numbers are compared
 * as numbers ({@code 4} and {@code 4.0} are one duration).
 */
final class SetupDifferences {
    /** At most this many config values are named; the rest are counted. */
    private static final int SHOWN = 8;
    /** Config values that differ between any two runs and say nothing about the test. */
    private static final List<String> IGNORED = List.of("seed", "source");

    private SetupDifferences() {
    }

    /**
     * @param sameSchema whether both reports have the same schema version: when not, a config value only one of
     *                   them has is a field the older schema did not write yet, not a difference in the test
     */
    static List<String> of(RunResult a, RunResult b, boolean sameSchema) {
        List<String> out = new ArrayList<>();
        if (!sameTarget(a.target(), b.target())) {
            out.add("target " + a.target() + " → " + b.target());
        }
        differ(out, "server", a.server().name() + " " + a.server().version(),
                b.server().name() + " " + b.server().version());
        differ(out, "protocol", a.server().protocolVersion(), b.server().protocolVersion());
        differ(out, "transport", a.transport(), b.transport());
        Map<String, String> ca = flatten(a.configAsRun());
        Map<String, String> cb = flatten(b.configAsRun());
        TreeMap<String, String> all = new TreeMap<>(ca);
        cb.forEach(all::putIfAbsent);
        List<String> config = new ArrayList<>();
        for (String path : all.keySet()) {
            String va = ca.getOrDefault(path, "(none)");
            String vb = cb.getOrDefault(path, "(none)");
            boolean onlyOne = !ca.containsKey(path) || !cb.containsKey(path);
            if (!va.equals(vb) && (sameSchema || !onlyOne)) {
                config.add("config " + path + " " + va + " → " + vb);
            }
        }
        out.addAll(config.subList(0, Math.min(SHOWN, config.size())));
        if (config.size() > SHOWN) {
            out.add("and " + (config.size() - SHOWN) + " more config values");
        }
        return out;
    }

    private static void differ(List<String> out, String what, String a, String b) {
        if (!Objects.equals(blank(a), blank(b))) {
            out.add(what + " " + blank(a) + " → " + blank(b));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? "(unknown)" : s.trim();
    }

    /**
     * The same target: equal, or both on loopback with the same path and a different port, which is what two
     * runs against the embedded server (a new free port each time) or a restarted local server look like.
     */
    static boolean sameTarget(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        try {
            URI ua = URI.create(a);
            URI ub = URI.create(b);
            return loopback(ua.getHost()) && loopback(ub.getHost()) && Objects.equals(ua.getPath(), ub.getPath())
                    && Objects.equals(ua.getScheme(), ub.getScheme());
        } catch (RuntimeException e) { // a stdio command line, say
            return false;
        }
    }

    private static boolean loopback(String host) {
        return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
                || host.equals("::1"));
    }

    /** Every leaf of the config as {@code settings.virtual_users = 2}; arrays by index. */
    private static Map<String, String> flatten(JsonNode config) {
        Map<String, String> out = new TreeMap<>();
        if (config != null) {
            flatten("", config, out);
        }
        return out;
    }

    private static void flatten(String path, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                if (!(path.isEmpty() && IGNORED.contains(e.getKey()))) {
                    flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
                }
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                flatten(path + "[" + i + "]", n.get(i), out);
            }
            if (n.isEmpty()) {
                out.put(path, "[]");
            }
        } else {
            out.put(path, n.isString() ? n.asString() : n.isNumber()
                    ? n.decimalValue().stripTrailingZeros().toPlainString() : n.toString());
        }
    }
}
