package dev.mcpload.transport.http;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.DescriptorLimit;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.NotSslRecordException;
import javax.net.ssl.SSLException;

/**
 * The last handler of a client channel: one keep-alive HTTP/1.1 connection carrying one exchange at a time.
 * It forwards the response to the current {@link Exchange} piece by piece, so SSE streams are parsed as they
 * arrive, and turns every way a connection can break into one classified failure.
 */
final class HttpConnection extends SimpleChannelInboundHandler<HttpObject> {
    /** "HTTP/" as Netty's NotSslRecordException prints the bytes it got. */
    private static final String HTTP_IN_HEX = ": 485454502f";
    private final String target;
    private Channel channel;
    private Exchange current;
    private boolean keepAlive;
    /** Inside an interim (1xx) response, which is not the answer: skipped up to its end, as HTTP clients do. */
    private boolean interim;
    /** When the connection last went back to the pool (see {@link ConnectionPool#MAX_IDLE_NANOS}). */
    long idleSinceNanos;

    HttpConnection(String target) {
        this.target = target;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    boolean isUsable() {
        return channel.isActive() && current == null;
    }

    boolean isBusy() {
        return current != null;
    }

    Exchange currentExchange() {
        return current;
    }

    Channel channel() {
        return channel;
    }

    void start(Exchange exchange, HttpRequest request) {
        current = exchange;
        channel.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                failCurrent(describe(f.cause()));
                channel.close();
            }
        });
    }

    void close() {
        channel.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        Exchange exchange = current;
        if (exchange == null) {
            return; // bytes after an abandoned exchange; the channel is being closed
        }
        if (msg.decoderResult().isFailure()) {
            failCurrent(new McpException(ErrorClass.PROTOCOL, target + " sent a malformed HTTP response: "
                    + msg.decoderResult().cause().getMessage()));
            channel.close();
            return;
        }
        if (msg instanceof HttpResponse head) {
            if (head.status().codeClass() == HttpStatusClass.INFORMATIONAL
                    && head.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                interim = true; // e.g. 100 Continue, 103 Early Hints: the real response follows
                return;
            }
            keepAlive = HttpUtil.isKeepAlive(head);
            exchange.onHead(head);
            if (exchange.gaveUp() && current == exchange) {
                abandon(); // refused on its head alone (too large): the body is not read
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            if (interim) {
                interim = !(msg instanceof LastHttpContent);
                return;
            }
            if (current != exchange) {
                return; // the exchange was abandoned while handling the head
            }
            if (content.content().isReadable()) {
                exchange.onContent(content.content());
            }
            if (exchange.gaveUp() && current == exchange) {
                abandon(); // it failed on what it read; the rest of this response must not reach the next one
                return;
            }
            if (msg instanceof LastHttpContent && current == exchange) {
                current = null;
                boolean reusable = keepAlive && channel.isActive();
                exchange.onEnd(this, reusable);
                if (!reusable) {
                    channel.close();
                }
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failCurrent(new McpException(ErrorClass.CONNECTION, "connection to " + target + " closed by the server"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failCurrent(describe(cause));
        ctx.close();
    }

    /** Stops forwarding to the current exchange and closes the connection (used on timeout). */
    void abandon() {
        current = null;
        channel.close();
    }

    private void failCurrent(McpException e) {
        Exchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.onFailure(e);
        }
    }

    /** An https:// URL whose server answered without TLS: which one, and the URL that would work. */
    private String notTls(String detail) {
        boolean http = detail != null && detail.contains(HTTP_IN_HEX);
        return "the server at " + target + " does not speak TLS (it answered " + (http ? "plain HTTP"
                : "something other than TLS") + "); use " + target.replaceFirst("(?i)^https:", "http:");
    }

    private McpException describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof NotSslRecordException) { // its message is the answer in hex, ~1,200 characters
            return new McpException(ErrorClass.CONNECTION, notTls(root.getMessage()), cause);
        }
        if (McpException.outOfMemoryIn(cause) != null) { // ours, not the server's: say so, and how to avoid it
            return McpException.outOfMemory("reading the answer of " + target, cause);
        }
        if (DescriptorLimit.exhausted(cause)) { // likewise: the OS refused mcpload a descriptor
            return DescriptorLimit.refused("connection to " + target, cause);
        }
        String what = root instanceof SSLException ? "TLS failure" : "connection error";
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new McpException(ErrorClass.CONNECTION, what + " with " + target + ": " + detail, cause);
    }
}
