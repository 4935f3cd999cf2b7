package dev.mcpload.config;

import dev.mcpload.engine.Range;
import dev.mcpload.engine.Rediscovery;
import dev.mcpload.engine.Refresh;
import dev.mcpload.engine.ThinkTime;
import dev.mcpload.engine.ToolListing;
import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.transport.ClientCapability;
import java.util.Set;

/**
 * The {@code [session]} table, read: the think time between calls (null: {@code [settings] request_interval_ms}),
 * calls per session ({@link Range#ZERO}: one session for the whole test), the session's longest life (0: none),
 * the arrival jitter of each VU's first session, whether a session holds the standalone GET event stream as the
 * official SDK clients do, the client capabilities initialize declares (and server requests are answered for), and
 * the answers to a server's input requests ({@code [inputs]}), whether a VU lists the tools before calling them, and
 * whether a 2026-07-28 VU asks {@code server/discover} again when its result is stale.
 */
public record SessionConfig(ThinkTime thinkTime, Range calls, long sessionDurationMs, Range arrivalJitterMs,
                            boolean standaloneStream, Set<ClientCapability> clientCapabilities, InputAnswers inputs,
                            Refresh listTools, Refresh discover) {
    public static final SessionConfig DEFAULT = new SessionConfig(null, Range.ZERO, 0, Range.ZERO, true, Set.of(),
            InputAnswers.NONE, Refresh.NEVER, Refresh.ONCE);

    public SessionConfig {
        clientCapabilities = Set.copyOf(clientCapabilities);
        inputs = inputs == null ? InputAnswers.NONE : inputs;
        listTools = listTools == null ? Refresh.NEVER : listTools;
        discover = discover == null ? Refresh.ONCE : discover;
    }

    /** This profile answering input as {@code [inputs]} says. */
    public SessionConfig withInputs(InputAnswers answers) {
        return new SessionConfig(thinkTime, calls, sessionDurationMs, arrivalJitterMs, standaloneStream,
                clientCapabilities, answers, listTools, discover);
    }

    /** What a VU declares: client_capabilities, and each capability [inputs] has answers for (it can answer). */
    public Set<ClientCapability> declaredCapabilities() {
        Set<ClientCapability> all = new java.util.HashSet<>(clientCapabilities);
        inputs.capabilities().forEach(c -> all.add(ClientCapability.fromName(c)));
        return all;
    }
}
