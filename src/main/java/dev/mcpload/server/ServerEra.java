package dev.mcpload.server;

/**
 * Which MCP eras the Streamable HTTP endpoint serves ({@code mcpload serve --era}). The spec
 * (2026-07-28, basic/versioning) calls protocol versions with an {@code initialize} handshake "legacy" and those
 * with per-request {@code _meta} "modern"; a dual-era server picks per request from how the client opens.
 */
public enum ServerEra {
    /** 2026-07-28 only: stateless, {@code initialize} refused, GET and DELETE answered 405, no {@code /sse}. */
    MODERN,
    /** 2024-11-05 to 2025-11-25 only, as before 2026-07-28: a modern request gets the legacy answers. */
    LEGACY,
    /** Both on one endpoint: {@code initialize} opens a 2025-era session, a modern {@code _meta} is served statelessly. */
    DUAL
}
