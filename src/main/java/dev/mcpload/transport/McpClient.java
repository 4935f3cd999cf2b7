package dev.mcpload.transport;

import dev.mcpload.transport.http.HttpEndpoint;
import dev.mcpload.transport.http.LegacySseSession;
import dev.mcpload.transport.http.ModernHttpSession;
import dev.mcpload.protocol.ModernEnvelope;
import dev.mcpload.protocol.ProtocolEra;
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
    /**
     * The modern era's {@code _meta}, when the client speaks a modern version: one per client, see
     * {@link ModernEnvelope}; replaced once when the tools' {@code Mcp-Param} headers are learnt, before the load.
     */
    private volatile ModernEnvelope envelope;
    private volatile TransportKind resolved;
    /** The era sessions speak: pinned by the options, or AUTO until the first session's probe settles it. */
    private volatile ProtocolEra era;
    /** Learned once per client: the server answered the standalone GET with 405, so sessions stop asking. */
    private final java.util.concurrent.atomic.AtomicBoolean serverHasNoStandaloneStream =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Learned once per client: the modern server refused subscriptions/listen, so sessions stop asking. */
    private final java.util.concurrent.atomic.AtomicBoolean serverHasNoListen =
            new java.util.concurrent.atomic.AtomicBoolean();

    public McpClient(ClientOptions options) {
        this.options = options;
        int threads = options.ioThreads() > 0 ? options.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("mcpload-io", true),
                NioIoHandler.newFactory());
        this.endpoint = options.transport() == TransportKind.STDIO ? null : new HttpEndpoint(options, group);
        this.resolved = options.transport() == TransportKind.AUTO ? null : options.transport();
        boolean modernTransport = options.transport() != TransportKind.SSE;
        if (options.era() == ProtocolEra.MODERN && !modernTransport) {
            throw new IllegalArgumentException("MCP " + options.modernVersion() + " has no HTTP+SSE transport (it"
                    + " was deprecated in 2025-03-26): the sse transport speaks the 2025 and 2024 revisions");
        }
        // legacy SSE stays in the legacy era; so does a client pinned to it.
        this.era = modernTransport ? options.era() : ProtocolEra.LEGACY;
        if (era != ProtocolEra.LEGACY) {
            List<String> capabilities = new java.util.ArrayList<>();
            options.clientCapabilities().forEach(c -> capabilities.add(c.wireName()));
            this.envelope = new ModernEnvelope(options.modernVersion(), capabilities);
        } else {
            this.envelope = null;
        }
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * Sessions made from now on mirror the tool parameters {@code headers} names into {@code Mcp-Param-*} headers
     * (learnt from {@code tools/list} before the load; a modern-era client only).
     */
    public void useParamHeaders(dev.mcpload.protocol.ParamHeaders headers) {
        ModernEnvelope e = envelope;
        if (e != null) {
            envelope = e.withParamHeaders(headers);
        }
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
        ProtocolEra e = era;
        if (options.transport() == TransportKind.STDIO) { // the stdio probe runs in the session's own process
            StdioSession.Mode mode = switch (e) {
                case MODERN -> StdioSession.Mode.MODERN;
                case LEGACY -> StdioSession.Mode.LEGACY;
                case AUTO -> StdioSession.Mode.PROBE;
            };
            return new StdioSession(loop, options, listener, mode, envelope, this::resolveEra);
        }
        return e == ProtocolEra.AUTO ? new EraProbeSession(this, loop, listener) : newSessionOfEra(e, loop, listener);
    }

    /** A session of a settled era: modern is always Streamable HTTP; legacy probes the transport if not pinned. */
    McpSession newSessionOfEra(ProtocolEra e, EventLoop loop, SessionListener listener) {
        if (e == ProtocolEra.MODERN) {
            return new ModernHttpSession(endpoint, loop, options, listener, envelope, serverHasNoListen);
        }
        TransportKind kind = resolved;
        return kind == null ? new AutoSession(this, loop, listener) : newSession(kind, loop, listener);
    }

    /** A legacy-era session of {@code kind}. */
    McpSession newSession(TransportKind kind, EventLoop loop, SessionListener listener) {
        return switch (kind) {
            case STREAMABLE_HTTP -> new StreamableHttpSession(endpoint, loop, options, listener,
                    serverHasNoStandaloneStream);
            case SSE -> new LegacySseSession(endpoint, loop, options, listener);
            case STDIO -> new StdioSession(loop, options, listener);
            case AUTO -> new AutoSession(this, loop, listener);
        };
    }

    /** The era sessions speak: the pinned one, the detected one, or AUTO before the first session settled it. */
    public ProtocolEra era() {
        return era;
    }

    void resolveEra(ProtocolEra settled) {
        era = settled;
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
