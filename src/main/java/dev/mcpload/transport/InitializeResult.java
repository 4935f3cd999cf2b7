package dev.mcpload.transport;

import tools.jackson.databind.JsonNode;

/**
 * What the server said about itself in its initialize result (or, in 2026-07-28, its {@code server/discover}
 * result), plus the transport actually used.
 *
 * @param ttlMs how long the 2026-07-28 discover result stays fresh (its {@code ttlMs}: 0 when absent, stale at once);
 *              -1 for an initialize result, which a session keeps for its life
 */
public record InitializeResult(String protocolVersion, String serverName, String serverVersion,
                               JsonNode capabilities, String sessionId, TransportKind transport, long ttlMs) {
    /** An initialize result (2024/2025 eras): nothing in it expires. */
    public InitializeResult(String protocolVersion, String serverName, String serverVersion, JsonNode capabilities,
                            String sessionId, TransportKind transport) {
        this(protocolVersion, serverName, serverVersion, capabilities, sessionId, transport, -1);
    }

    public boolean has(String capability) {
        return capabilities != null && capabilities.has(capability);
    }
}
