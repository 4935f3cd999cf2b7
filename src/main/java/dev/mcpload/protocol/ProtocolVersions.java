package dev.mcpload.protocol;

import java.util.List;

/**
 * The MCP protocol revisions mcpload speaks and the negotiation rule of the legacy (initialize) era: the client
 * offers its newest; the server answers with the same or another version it supports; the client accepts the
 * answer when it knows it, else the session fails. The modern era (2026-07-28 and later: no initialize, the
 * version on every request) is listed apart, in {@link #MODERN}: a legacy version is never offered to a modern
 * server, nor a modern one in initialize.
 */
public final class ProtocolVersions {
    public static final String V2025_11_25 = "2025-11-25";
    public static final String V2025_06_18 = "2025-06-18";
    public static final String V2025_03_26 = "2025-03-26";
    public static final String V2024_11_05 = "2024-11-05";

    /** The stateless revision: version, identity and capabilities in every request's {@code _meta}. */
    public static final String V2026_07_28 = "2026-07-28";

    /** The modern versions mcpload speaks, newest first. */
    public static final List<String> MODERN = List.of(V2026_07_28);

    /** The legacy (initialize-based) versions, newest first. */
    public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

    public static final String LATEST = SUPPORTED.get(0);

    private ProtocolVersions() {
    }

    /** A legacy version mcpload offers in initialize. */
    public static boolean isSupported(String version) {
        return version != null && SUPPORTED.contains(version);
    }

    /** A modern version mcpload speaks (stateless: no initialize, no session). */
    public static boolean isModern(String version) {
        return version != null && MODERN.contains(version);
    }

    /** Every version mcpload speaks, modern first, then legacy: for messages that list them. */
    public static List<String> all() {
        List<String> all = new java.util.ArrayList<>(MODERN);
        all.addAll(SUPPORTED);
        return List.copyOf(all);
    }

    /**
     * What a server answers to a client that offered {@code requested}: the same version when supported,
     * else the newest it supports (spec, lifecycle: version negotiation).
     */
    public static String serverChoice(String requested) {
        return isSupported(requested) ? requested : LATEST;
    }
}
