package dev.mcpload.transport;

import tools.jackson.databind.JsonNode;

/** What the server said about itself in its initialize result, plus the transport actually used. */
public record InitializeResult(String protocolVersion, String serverName, String serverVersion,
                               JsonNode capabilities, String sessionId, TransportKind transport) {
    public boolean has(String capability) {
        return capabilities != null && capabilities.has(capability);
    }
}
