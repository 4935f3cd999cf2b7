package dev.mcpload.protocol;

import java.util.List;

/**
 * The MCP protocol revisions mcpload speaks, newest first, and the negotiation rule of the spec: the client
 * offers its newest; the server answers with the same or another version it supports; the client accepts the
 * answer when it knows it, else the session fails.
 */
public final class ProtocolVersions {
    public static final String V2025_11_25 = "2025-11-25";
    public static final String V2025_06_18 = "2025-06-18";
    public static final String V2025_03_26 = "2025-03-26";
    public static final String V2024_11_05 = "2024-11-05";

    /** Newest first. */
    public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

    public static final String LATEST = SUPPORTED.get(0);

    private ProtocolVersions() {
    }

    public static boolean isSupported(String version) {
        return version != null && SUPPORTED.contains(version);
    }

    /**
     * What a server answers to a client that offered {@code requested}: the same version when supported,
     * else the newest it supports (spec, lifecycle: version negotiation).
     */
    public static String serverChoice(String requested) {
        return isSupported(requested) ? requested : LATEST;
    }
}
