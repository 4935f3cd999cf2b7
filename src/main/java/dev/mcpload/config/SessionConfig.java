package dev.mcpload.config;

import dev.mcpload.engine.Range;
import dev.mcpload.engine.ThinkTime;
import dev.mcpload.transport.ClientCapability;
import java.util.Set;

/**
 * The {@code [session]} table, read: the think time between calls (null: {@code [settings] request_interval_ms}),
 * calls per session ({@link Range#ZERO}: one session for the whole test), the session's longest life (0: none),
 * the arrival jitter of each VU's first session, whether a session holds the standalone GET event stream as the
 * official SDK clients do, and the client capabilities initialize declares (and server requests are answered for).
 */
public record SessionConfig(ThinkTime thinkTime, Range calls, long sessionDurationMs, Range arrivalJitterMs,
                            boolean standaloneStream, Set<ClientCapability> clientCapabilities) {
    public static final SessionConfig DEFAULT = new SessionConfig(null, Range.ZERO, 0, Range.ZERO, true, Set.of());

    public SessionConfig {
        clientCapabilities = Set.copyOf(clientCapabilities);
    }
}
