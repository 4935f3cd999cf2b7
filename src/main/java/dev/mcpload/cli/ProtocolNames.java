package dev.mcpload.cli;

import dev.mcpload.protocol.ProtocolEra;

/** How the CLI names the protocol a run speaks: the version and, for a person, its era. */
final class ProtocolNames {
    private ProtocolNames() {
    }

    /** "2026-07-28, modern era (stateless)" or "2025-11-25, legacy era (initialize + session)". */
    static String describe(String version) {
        ProtocolEra era = ProtocolEra.of(version);
        if (era == ProtocolEra.MODERN) {
            return version + ", modern era (stateless)";
        }
        return era == ProtocolEra.LEGACY ? version + ", legacy era (initialize + session)" : version;
    }
}
