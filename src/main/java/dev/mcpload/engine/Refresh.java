package dev.mcpload.engine;

import java.util.Locale;

/**
 * When a VU asks the server again for something it keeps, as a host does ({@link ToolListing}: the tool list;
 * {@link Rediscovery}: the discover result): never, once per session, or whenever what it has is stale by its
 * {@code ttlMs} (2026-07-28 caching).
 */
public enum Refresh {
    NEVER, ONCE, WHEN_STALE;

    /** The config's spelling: never, once, when_stale. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The refresh named {@code label}; null for anything else. */
    public static Refresh of(String label) {
        for (Refresh r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        return null;
    }
}
