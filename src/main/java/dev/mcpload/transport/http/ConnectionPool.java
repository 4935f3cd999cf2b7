package dev.mcpload.transport.http;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.DescriptorLimit;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The connections of one session, all on the session's event loop. A session that sends one request at a time
 * keeps reusing one connection; a second connection opens only while the first is still busy (an SSE reply
 * stream not yet closed, a long-lived event stream) — never more than the session's concurrency needs.
 */
final class ConnectionPool {
    /**
     * A connection idle longer than this is not reused: servers close idle keep-alive connections (Node after
     * 5 s) and a request written just as they do fails for no fault of the server. 4 s is what Node's own
     * HTTP client (undici) uses for the same reason.
     */
    static final long MAX_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(4);

    static {
        DescriptorLimit.preload(); // its message is needed when no descriptor is left to load it with
    }

    private final HttpEndpoint endpoint;
    private final EventLoop loop;
    private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>(2);
    private final List<HttpConnection> open = new ArrayList<>(2);
    private int opened;
    /** After closeAll: a connect still under way is closed when it completes instead of being leaked. */
    private boolean closed;

    ConnectionPool(HttpEndpoint endpoint, EventLoop loop) {
        this.endpoint = endpoint;
        this.loop = loop;
    }

    /** Hands an idle connection, or a new one, to {@code onReady}; connect failures go to {@code onError}. */
    void acquire(URI target, Consumer<HttpConnection> onReady, Consumer<McpException> onError) {
        HttpConnection c;
        long now = System.nanoTime();
        while ((c = idle.pollLast()) != null) {
            if (c.isUsable() && now - c.idleSinceNanos < MAX_IDLE_NANOS) {
                onReady.accept(c);
                return;
            }
            c.close(); // stale or dead
        }
        connect(target, onReady, onError);
    }

    /**
     * A new connection, never an idle one: for a long-lived stream, so the warm connection stays for requests
     * (taking it would put a connect on the next request's latency). Tracked and closed like the others.
     */
    void acquireNew(URI target, Consumer<HttpConnection> onReady, Consumer<McpException> onError) {
        connect(target, onReady, onError);
    }

    private void connect(URI target, Consumer<HttpConnection> onReady, Consumer<McpException> onError) {
        ChannelFuture f = endpoint.connect(loop, target);
        f.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                onError.accept(connectFailure(target, done.cause()));
                return;
            }
            if (closed) {
                done.channel().close();
                onError.accept(new McpException(ErrorClass.CONNECTION, "session closed by mcpload"));
                return;
            }
            HttpConnection conn = done.channel().pipeline().get(HttpConnection.class);
            opened++;
            open.add(conn);
            done.channel().closeFuture().addListener(x -> {
                open.remove(conn);
                idle.remove(conn);
            });
            onReady.accept(conn);
        });
    }

    /**
     * Why a connect failed, classified: the OS refusing mcpload a socket (EMFILE) or mcpload running out of memory
     * is the generator's failure, anything else the connection's.
     */
    static McpException connectFailure(URI target, Throwable cause) {
        if (DescriptorLimit.exhausted(cause)) {
            return DescriptorLimit.refused("cannot connect to " + target, cause);
        }
        if (McpException.outOfMemoryIn(cause) != null) {
            return McpException.outOfMemory("connecting to " + target, cause);
        }
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new McpException(ErrorClass.CONNECTION, "cannot connect to " + target + ": " + why, cause);
    }

    /** Returns a connection whose exchange ended cleanly. */
    void release(HttpConnection c) {
        if (c.isUsable()) {
            c.idleSinceNanos = System.nanoTime();
            idle.addLast(c);
        }
    }

    /** How many connections this session has opened so far (for tests and reports). */
    int openedCount() {
        return opened;
    }

    void closeAll() {
        closed = true;
        for (HttpConnection c : new ArrayList<>(open)) {
            c.close();
        }
        idle.clear();
    }
}
