package dev.mcpload.transport;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;

/**
 * A 200 answer to {@code server/discover} that is not a discover result (no {@code supportedVersions} list):
 * what a legacy server that answers unknown methods leniently gives (the conformance suite's servers answer
 * {@code {}}). For era detection it means "not modern"; pinned to the modern era it is a protocol error.
 */
public final class NotADiscoverResult extends McpException {
    public NotADiscoverResult(String message) {
        super(ErrorClass.PROTOCOL, message);
    }
}
