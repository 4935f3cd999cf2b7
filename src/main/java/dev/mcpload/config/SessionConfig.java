package dev.mcpload.config;

import dev.mcpload.engine.Range;
import dev.mcpload.engine.ThinkTime;

/**
 * The {@code [session]} table, read: the think time between calls (null: {@code [settings] request_interval_ms}),
 * calls per session ({@link Range#ZERO}: one session for the whole test), the session's longest life (0: none)
 * and the arrival jitter of each VU's first session.
 */
public record SessionConfig(ThinkTime thinkTime, Range calls, long sessionDurationMs, Range arrivalJitterMs) {
    public static final SessionConfig DEFAULT = new SessionConfig(null, Range.ZERO, 0, Range.ZERO);
}
