package dev.mcpload.engine;

import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/** Sessions of a real {@link McpClient}: each VU pinned to one of the client's Netty event loops. */
public final class ClientSessions implements SessionFactory {
    private final McpClient client;
    // One wrapper per event loop, not per VU: a held session should cost only what it must.
    private final java.util.Map<EventLoop, NettyLoop> loops = new java.util.concurrent.ConcurrentHashMap<>();

    public ClientSessions(McpClient client) {
        this.client = client;
    }

    /** A Netty event loop seen as a VU's loop. */
    private record NettyLoop(EventLoop loop) implements TaskLoop {
        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public TaskLoop nextLoop() {
        return loops.computeIfAbsent(client.eventLoops().next(), NettyLoop::new);
    }

    @Override
    public McpSession newSession(TaskLoop loop, SessionListener listener) {
        if (!(loop instanceof NettyLoop netty)) {
            throw new IllegalArgumentException("a client session needs one of the client's event loops");
        }
        return client.newSession(netty.loop(), listener);
    }
}
