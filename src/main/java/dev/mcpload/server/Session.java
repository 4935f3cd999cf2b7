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
    /** The open standalone GET stream of a Streamable HTTP session, or null. */
    private volatile StandaloneStream standalone;

    /**
     * A standalone stream: its reply (written on its channel's loop only) and the channel. {@code onEnd} runs
     * once, when the stream ends cleanly or its connection closes, whichever comes first.
     */
    static final class StandaloneStream {
        private final HttpReply reply;
        private final Channel channel;
        private final Runnable onEnd;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        StandaloneStream(HttpReply reply, Channel channel, Runnable onEnd) {
            this.reply = reply;
            this.channel = channel;
            this.onEnd = onEnd;
        }

        /** Once it holds the session's slot: its connection closing ends it. */
        void watch() {
            channel.closeFuture().addListener(closed -> ended());
        }

        void ended() {
            if (ended.compareAndSet(false, true)) {
                onEnd.run();
            }
        }

        /** Ends the stream cleanly (last chunk), so the client may keep the connection. Any thread. */
        void end() {
            channel.eventLoop().execute(() -> {
                if (!reply.isComplete() && channel.isActive()) {
                    reply.endEventStream();
                }
                ended();
            });
        }

        /** Sends one message on it; false when it is closed. Any thread; Netty keeps writes in order. */
        boolean send(tools.jackson.databind.node.ObjectNode message) {
            if (!channel.isActive()) {
                return false;
            }
            channel.eventLoop().execute(() -> {
                if (!reply.isComplete() && channel.isActive()) {
                    reply.event(SseWriter.message(reply.alloc(), message));
                    reply.flush();
                }
            });
            return true;
        }
    }

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

    StandaloneStream standalone() {
        return standalone;
    }

    /** Claims the standalone stream slot; false when the session already has one (one per session). */
    synchronized boolean openStandalone(StandaloneStream stream) {
        if (standalone != null) {
            return false;
        }
        standalone = stream;
        return true;
    }

    synchronized void standaloneClosed(StandaloneStream stream) {
        if (standalone == stream) {
            standalone = null;
        }
    }

    /** SSE event ids must be unique across all streams of a session (spec, resumability). */
    long nextEventId() {
        return eventIds.incrementAndGet();
    }
}
