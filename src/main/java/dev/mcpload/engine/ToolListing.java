package dev.mcpload.engine;

import java.util.Locale;

/**
 * How a VU keeps the server's tool list, as a host does before it lets a model call tools ({@code [session]
 * list_tools}): never (only the scenario's calls), once per session, or again whenever the list is stale by its
 * {@code ttlMs} (2026-07-28 caching: fresh while {@code now < received + ttlMs}; 0 or absent is stale at once, so
 * such a server gets a {@code tools/list} before every call — the SDK v2 server's default). The list is requested
 * when a {@code tools/call} is about to go out and the list is not fresh; it is a request of its own, measured
 * under {@code tools/list}, not part of the call's latency.
 *
 * @param stepIndex the mix's {@code tools/list} step (weight 0: only sent from here); -1 with {@link Mode#NEVER}
 */
public record ToolListing(Mode mode, int stepIndex) {
    public enum Mode {
        NEVER, ONCE, WHEN_STALE;

        /** The config's spelling: never, once, when_stale. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode named {@code label}; null for anything else. */
        public static Mode of(String label) {
            for (Mode m : values()) {
                if (m.label().equals(label)) {
                    return m;
                }
            }
            return null;
        }
    }

    public static final ToolListing NEVER = new ToolListing(Mode.NEVER, -1);

    public ToolListing {
        if ((mode == Mode.NEVER) != (stepIndex < 0)) {
            throw new IllegalArgumentException("a tool listing needs its tools/list step, and only then");
        }
    }

    public boolean lists() {
        return mode != Mode.NEVER;
    }
}
