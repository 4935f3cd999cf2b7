package dev.mcpload.protocol;

import java.util.Locale;

/**
 * Which generation of MCP a client speaks (spec 2026-07-28, versioning: terminology). {@link #MODERN} is the
 * stateless revision (2026-07-28 and later: version, identity and capabilities in every request's {@code _meta},
 * no session); {@link #LEGACY} the handshake revisions ({@code initialize}, then a session: 2025-11-25 and
 * earlier); {@link #AUTO} a dual-era client, which detects the server's era as the spec says, modern first.
 */
public enum ProtocolEra {
    AUTO, MODERN, LEGACY;

    /** The era a version belongs to; null for a version mcpload does not speak. */
    public static ProtocolEra of(String version) {
        if (ProtocolVersions.isModern(version)) {
            return MODERN;
        }
        return ProtocolVersions.isSupported(version) ? LEGACY : null;
    }

    /** The CLI spelling: auto, modern or legacy; null for anything else. */
    public static ProtocolEra parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "modern" -> MODERN;
            case "legacy" -> LEGACY;
            default -> null;
        };
    }

    /** The lower-case name, as the CLI and the report spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
