package dev.mcpload.server;

import dev.mcpload.server.fault.FaultChain;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded reference MCP server: Streamable HTTP at {@code /mcp}, the legacy HTTP+SSE transport at
 * {@code /sse}, on Netty NIO. It binds loopback only (it has no authentication) and is built to stay out of
 * the way of the load test that targets it: no blocking, no per-request logging, pooled buffers. With
 * {@link ReferenceServerOptions#faults()} it misbehaves on purpose ({@code mcpload serve --fault}, package
 * {@code server.fault}); without, none of that code is on its path.
 *
 * <pre>{@code
 * try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
 *     run(server.mcpUrl());
 * }
 * }</pre>
 */
public final class ReferenceServer implements AutoCloseable {
    /** Far above any MCP message; the bound keeps a broken client from exhausting memory. */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** The session-scale benchmarks open thousands of connections at once. */
    static final int ACCEPT_BACKLOG = 4096;

    private final ReferenceServerOptions options;
    private final SessionRegistry sessions;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ServerBootstrap bootstrap;
    /** Every connection, so that a restart fault can drop them; null without faults (nothing to track). */
    private final ChannelGroup connections;
    private final AtomicBoolean restarting = new AtomicBoolean();
    private volatile Channel serverChannel;
    private volatile InetSocketAddress address;
    private volatile String baseUrl;
    private volatile boolean closed;
    private final HttpMcpHandler mcp;

    private ReferenceServer(ReferenceServerOptions options) {
        this.options = options;
        this.sessions = new SessionRegistry(options.maxSessions());
        McpDispatcher dispatcher = new McpDispatcher(options);
        FaultChain initializeFaults = FaultChain.of(options.faults(), options.faultSeed(), true);
        FaultChain requestFaults = FaultChain.of(options.faults(), options.faultSeed(), false);
        HttpMcpHandler mcp = new HttpMcpHandler(sessions, dispatcher, options.responseMode(), initializeFaults,
                requestFaults, this::restart, options.standaloneStream(), options.era());
        this.mcp = mcp;
        // The HTTP+SSE transport of 2024-11-05 is the legacy era: not served by a modern-only server.
        LegacySseHandler legacy = options.era() == ServerEra.MODERN ? null
                : new LegacySseHandler(sessions, dispatcher);

        // Daemon threads: a caller that forgets close() must not keep the JVM alive.
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("mcpload-ref-accept", true), NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(options.ioThreads(),
                new DefaultThreadFactory("mcpload-ref-io", true), NioIoHandler.newFactory());
        this.connections = options.faults().isEmpty() ? null : new DefaultChannelGroup(acceptGroup.next());
        this.bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connections != null) {
                            if (restarting.get()) {
                                // accepted while the listening socket was closing: the server is down
                                ch.close();
                                return;
                            }
                            connections.add(ch);
                        }
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new HttpRouter(mcp, legacy));
                    }
                });
    }

    /**
     * Binds and returns once the server is listening.
     *
     * @throws IllegalArgumentException when {@code options.host()} is not a loopback address
     * @throws IllegalStateException    when the port cannot be bound
     */
    public static ReferenceServer start(ReferenceServerOptions options) {
        InetAddress address = loopback(options.host());
        ReferenceServer server = new ReferenceServer(options);
        try {
            server.bind(new InetSocketAddress(address, options.port()));
            return server;
        } catch (Exception e) { // includes java.net.BindException, rethrown by Netty without being declared
            shutdown(server.acceptGroup, server.ioGroup);
            throw new IllegalStateException("Could not start the reference server on " + options.host() + ":"
                    + options.port() + ": " + e, e);
        }
    }

    private void bind(InetSocketAddress at) {
        Channel channel = bootstrap.bind(at).syncUninterruptibly().channel();
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        serverChannel = channel;
        address = local;
        String host = local.getAddress() instanceof Inet6Address
                ? "[" + local.getAddress().getHostAddress() + "]"
                : local.getAddress().getHostAddress();
        baseUrl = "http://" + host + ":" + local.getPort();
    }

    /**
     * The {@code restart} fault: stop listening, drop every connection and session, and listen on the same port
     * again after {@code downMs}. Callable from any thread; a restart under way is not extended.
     */
    private void restart(long downMs) {
        if (closed || !restarting.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close();
        if (connections != null) {
            connections.close();
        }
        sessions.clear();
        acceptGroup.schedule(this::comeBack, downMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void comeBack() {
        try {
            if (!closed) {
                bind(address);
            }
        } catch (Exception e) {
            // The port was taken while down: the server stays down, as a crashed one would; close() still works.
        } finally {
            restarting.set(false);
        }
    }

    private static InetAddress loopback(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host for the reference server: " + host, e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("The reference server binds loopback only (it has no "
                    + "authentication); " + host + " is not a loopback address: use 127.0.0.1");
        }
        return address;
    }

    public ReferenceServerOptions options() {
        return options;
    }

    public int port() {
        return address.getPort();
    }

    /** The Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:PORT/mcp}. */
    public String mcpUrl() {
        return baseUrl + "/mcp";
    }

    /** The legacy HTTP+SSE endpoint (2024-11-05 transport), e.g. {@code http://127.0.0.1:PORT/sse}. */
    public String sseUrl() {
        return baseUrl + "/sse";
    }

    /** Sessions open right now, over both HTTP transports. */
    public int activeSessions() {
        return sessions.size();
    }

    /** Sessions created since start (initialize answered with a session id). For tests. */
    public long sessionsCreated() {
        return sessions.created();
    }

    /** Sessions ended since start (DELETE, expiry, legacy stream closed). For tests. */
    public long sessionsEnded() {
        return sessions.ended();
    }

    /**
     * Ends a session server-side, as a server may at any time: its next request gets 404, and a legacy
     * session's stream is closed. For tests of client recovery.
     *
     * @return whether the session was open
     */
    public boolean expireSession(String sessionId) {
        return sessions.remove(sessionId) != null;
    }

    /** GET requests on {@code /mcp} so far (standalone streams asked for, whatever the answer). For tests. */
    public int standaloneStreamRequests() {
        return mcp.standaloneGets.get();
    }

    /** Standalone GET streams open right now. For tests. */
    public int openStandaloneStreams() {
        return mcp.standaloneOpen.get();
    }

    /**
     * Sends a JSON-RPC message (a notification such as {@code notifications/message}, or a request to the
     * client) on the standalone stream of every session that has one, as a server with news does. For tests.
     *
     * @param message a whole JSON-RPC message
     * @return how many streams it was sent on
     */
    public int sendOnStandaloneStreams(tools.jackson.databind.node.ObjectNode message) {
        return sessions.sendOnStandaloneStreams(message);
    }

    /** 2026-07-28 subscriptions/listen streams open right now (0 in the legacy era). For tests. */
    public int openListenStreams() {
        ListenStreams l = mcp.listens();
        return l == null ? 0 : l.openCount();
    }

    /** subscriptions/listen streams opened since the start. For tests. */
    public int listenStreamsOpened() {
        ListenStreams l = mcp.listens();
        return l == null ? 0 : l.openedCount();
    }

    /**
     * Sends notification {@code method} (e.g. {@code notifications/tools/list_changed}) on every listen stream that
     * subscribed to it, as a server with news does; returns on how many. For tests.
     */
    public int sendOnListenStreams(String method, tools.jackson.databind.node.ObjectNode params) {
        ListenStreams l = mcp.listens();
        return l == null ? 0 : l.send(method, params);
    }

    /** Closes the listening socket and every connection, and stops the threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) { // against a restart coming back at the same moment
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException gone) {
            // its event loop already ended (Netty stops a loop that cannot rebuild its selector when the process
            // is out of file descriptors): nothing is left to close on it
        }
        shutdown(acceptGroup, ioGroup);
    }

    private static void shutdown(EventLoopGroup acceptGroup, EventLoopGroup ioGroup) {
        // No quiet period: nothing should still be arriving when the owner closes the server.
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        ioGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "ReferenceServer[" + mcpUrl() + ", " + options.responseMode() + "]";
    }
}
