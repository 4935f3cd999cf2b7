package dev.mcpload.transport;

import dev.mcpload.protocol.McpException;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the transport the way the spec's backwards-compatibility section says: POST initialize (Streamable
 * HTTP); if the server answers 400, 404 or 405, open a GET event stream instead (legacy HTTP+SSE). The first
 * session that succeeds settles the choice for the whole client, so later sessions skip the probe.
 */
final class AutoSession extends FallbackSession {
    private final McpClient client;
    private final EventLoop loop;
    private final SessionListener listener;

    AutoSession(McpClient client, EventLoop loop, SessionListener listener) {
        super(client.newSession(TransportKind.STREAMABLE_HTTP, loop, listener));
        this.client = client;
        this.loop = loop;
        this.listener = listener;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize() {
        McpSession first = delegate;
        return first.initialize().handle((result, error) -> {
            if (error == null) {
                client.resolve(TransportKind.STREAMABLE_HTTP);
                return CompletableFuture.completedFuture(result);
            }
            McpException e = McpException.classify(error);
            if (!e.refusedAsUnknown()) {
                return CompletableFuture.<InitializeResult>failedFuture(e);
            }
            first.close();
            McpSession legacy = client.newSession(TransportKind.SSE, loop, listener);
            delegate = legacy;
            return legacy.initialize().handle((r, e2) -> {
                if (e2 == null) {
                    client.resolve(TransportKind.SSE);
                    return r;
                }
                // Keep the first answer's class (an HTTP 404 stays an HTTP 404): it is what the URL said.
                throw McpException.http(e.httpStatus(), e.getMessage() + "; the legacy SSE fallback failed too: "
                        + McpException.classify(e2).getMessage());
            });
        }).thenCompose(f -> f);
    }
}
