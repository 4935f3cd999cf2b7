package dev.mcpload.transport.http;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * POSTs a message that expects no response of its own (a notification, or our answer to a server request):
 * done when the server accepts it with any 2xx, failed on another status, a broken connection or the deadline.
 * Both HTTP transports send these the same way. Runs on the session's loop.
 */
final class MessagePost {
    private MessagePost() {
    }

    static void send(EventLoop loop, ConnectionPool pool, HttpEndpoint endpoint, URI target, byte[] json,
                     String sessionId, String version, long timeoutMs, Consumer<IncomingMessage> dispatch,
                     CompletableFuture<Void> done) {
        String description = "POST " + target + " (notification)";
        var timer = loop.schedule(() -> done.completeExceptionally(new McpException(ErrorClass.TIMEOUT,
                description + ": no answer within " + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
        done.whenComplete((v, e) -> timer.cancel(false));
        pool.acquire(target, conn -> {
            if (done.isDone()) {
                pool.release(conn);
                return;
            }
            FullHttpRequest req = endpoint.request(HttpMethod.POST, target, Unpooled.wrappedBuffer(json), sessionId,
                    version);
            conn.start(new MessageExchange(description, done, new MessageExchange.Sink() {
                @Override
                public void onMessage(MessageExchange x, IncomingMessage message) {
                    dispatch.accept(message);
                }

                @Override
                public void onEnd(MessageExchange x, HttpConnection c, boolean reusable) {
                    if (reusable) {
                        pool.release(c);
                    }
                    if (x.status() >= 200 && x.status() < 300) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(x.httpFailure());
                    }
                }

                @Override
                public void onFailure(MessageExchange x, McpException failure) {
                    done.completeExceptionally(failure);
                }
            }), req);
        }, done::completeExceptionally);
    }
}
