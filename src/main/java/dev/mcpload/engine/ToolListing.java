package dev.mcpload.engine;

/**
 * How a VU keeps the server's tool list, as a host does before it lets a model call tools ({@code [session]
 * list_tools}): never (only the scenario's calls), once per session, or again whenever the list is stale by its
 * {@code ttlMs} (2026-07-28 caching: fresh while {@code now < received + ttlMs}; 0 or absent is stale at once, so
 * such a server gets a {@code tools/list} before every call — the SDK v2 server's default). The list is requested
 * when a {@code tools/call} is about to go out and the list is not fresh; it is a request of its own, measured
 * under {@code tools/list}, not part of the call's latency.
 *
 * @param stepIndex the mix's {@code tools/list} step (weight 0: only sent from here); -1 with {@link Refresh#NEVER}
 */
public record ToolListing(Refresh mode, int stepIndex) {
    public static final ToolListing NEVER = new ToolListing(Refresh.NEVER, -1);

    public ToolListing {
        if ((mode == Refresh.NEVER) != (stepIndex < 0)) {
            throw new IllegalArgumentException("a tool listing needs its tools/list step, and only then");
        }
    }

    public boolean lists() {
        return mode != Refresh.NEVER;
    }
}
