package dev.mcpload.transport;

import dev.mcpload.transport.http.HttpEndpoint;
import dev.mcpload.transport.http.LegacySseSession;
import dev.mcpload.transport.http.ModernHttpSession;
import dev.mcpload.protocol.ModernEnvelope;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.http.StreamableHttpSession;
import dev.mcpload.transport.stdio.StdioSession;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sessions of one kind against one target, all sharing a few event loops (one per core by default), so
 * thousands of sessions cost thousands of small objects and sockets, not threads. Each session is pinned to
 * one loop for its whole life.
 */
public final class McpClient implements AutoCloseable {
    private final ClientOptions options;
    private final EventLoopGroup group;
    private final HttpEndpoint endpoint;
    /** The modern era's {@code _meta}, when the client speaks a modern version: one per client, see {@link ModernEnvelope}. */
    private final ModernEnvelope envelope;
    private volatile TransportKind resolved;
    /** Learned once per client: the server answered the standalone GET with 405, so sessions stop asking. */
    private final java.util.concurrent.atomic.AtomicBoolean serverHasNoStandaloneStream =
            new java.util.concurrent.atomic.AtomicBoolean();

    public McpClient(ClientOptions options) {
        this.options = options;
        int threads = options.ioThreads() > 0 ? options.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("mcpload-io", true),
                NioIoHandler.newFactory());
        this.endpoint = options.transport() == TransportKind.STDIO ? null : new HttpEndpoint(options, group);
        this.resolved = options.transport() == TransportKind.AUTO ? null : options.transport();
        if (ProtocolVersions.isModern(options.protocolVersion())) {
            if (options.transport() == TransportKind.SSE || options.transport() == TransportKind.STDIO) {
                throw new IllegalArgumentException("MCP " + options.protocolVersion() + " is spoken over Streamable"
                        + " HTTP here; the " + options.transport().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " transport speaks the 2025 and 2024"
                        + " revisions");
            }
            List<String> capabilities = new java.util.ArrayList<>();
            options.clientCapabilities().forEach(c -> capabilities.add(c.wireName()));
            this.envelope = new ModernEnvelope(options.protocolVersion(), capabilities);
            this.resolved = TransportKind.STREAMABLE_HTTP; // a modern version pins the era: no legacy probe
        } else {
            this.envelope = null;
        }
    }

    public ClientOptions options() {
        return options;
    }

    /** The event loops, for callers that want to schedule work next to their sessions. */
    public EventLoopGroup eventLoops() {
        return group;
    }

    /** A new session (not yet initialized) on the next event loop. */
    public McpSession newSession(SessionListener listener) {
        return newSession(group.next(), listener);
    }

    /** A new session pinned to {@code loop}, which must belong to {@link #eventLoops()}. */
    public McpSession newSession(EventLoop loop, SessionListener listener) {
        TransportKind kind = resolved;
        if (kind == null) {
            return new AutoSession(this, loop, listener);
        }
        return newSession(kind, loop, listener);
    }

    McpSession newSession(TransportKind kind, EventLoop loop, SessionListener listener) {
        return switch (kind) {
            case STREAMABLE_HTTP -> envelope != null
                    ? new ModernHttpSession(endpoint, loop, options, listener, envelope)
                    : new StreamableHttpSession(endpoint, loop, options, listener,
                    serverHasNoStandaloneStream);
            case SSE -> new LegacySseSession(endpoint, loop, options, listener);
            case STDIO -> new StdioSession(loop, options, listener);
            case AUTO -> new AutoSession(this, loop, listener);
        };
    }

    /** The transport AUTO settled on, or null before the first session initialized. */
    public TransportKind resolvedTransport() {
        return resolved;
    }

    void resolve(TransportKind kind) {
        resolved = kind;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
