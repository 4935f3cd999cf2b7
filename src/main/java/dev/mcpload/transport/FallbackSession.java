package dev.mcpload.transport;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.RequestEncoder;
import java.util.concurrent.CompletableFuture;

/**
 * A session that tries one way of reaching the server and, when the first answer says "not this way", another:
 * the transport probe ({@link AutoSession}) and the era probe ({@link EraProbeSession}). Everything but the
 * first contact goes to whichever session answered, so subclasses only decide in {@link #initialize()}.
 */
abstract class FallbackSession implements McpSession {
    /** The session tried first, then the one that answered; read from any thread. */
    protected volatile McpSession delegate;

    FallbackSession(McpSession first) {
        this.delegate = first;
    }

    @Override
    public CompletableFuture<IncomingMessage> request(RequestEncoder request) {
        return delegate.request(request);
    }

    @Override
    public CompletableFuture<IncomingMessage> request(RequestEncoder request, long timeoutMillis) {
        return delegate.request(request, timeoutMillis);
    }

    @Override
    public CompletableFuture<Void> close() {
        return delegate.close();
    }

    @Override
    public String sessionId() {
        return delegate.sessionId();
    }

    @Override
    public String protocolVersion() {
        return delegate.protocolVersion();
    }

    @Override
    public TransportKind transport() {
        return delegate.transport();
    }
}
