package dev.mcpload.server;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side state of one MCP session. Small on purpose: the session-scale benchmarks hold many thousands.
 * Fields touched from several event loops are volatile; nothing here needs a lock.
 */
final class Session {
    private final String id;
    /** The GET stream of a legacy HTTP+SSE session (responses travel on it); null for other transports. */
    private final Channel legacyStream;
    private final AtomicLong eventIds = new AtomicLong();
    private volatile String protocolVersion;
    private volatile boolean initialized;
    private volatile String logLevel = "info";

    Session(String id, Channel legacyStream) {
        this.id = id;
        this.legacyStream = legacyStream;
    }

    String id() {
        return id;
    }

    Channel legacyStream() {
        return legacyStream;
    }

    /** Null until {@code initialize} succeeded. */
    String protocolVersion() {
        return protocolVersion;
    }

    void protocolVersion(String version) {
        this.protocolVersion = version;
    }

    boolean initialized() {
        return initialized;
    }

    void markInitialized() {
        this.initialized = true;
    }

    String logLevel() {
        return logLevel;
    }

    void logLevel(String level) {
        this.logLevel = level;
    }

    /** SSE event ids must be unique across all streams of a session (spec, resumability). */
    long nextEventId() {
        return eventIds.incrementAndGet();
    }
}
