package dev.mcpload.transport.http;

import dev.mcpload.protocol.McpException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;

/** One HTTP request/response on a connection, told what arrives as it arrives. Called on the event loop. */
interface Exchange {
    void onHead(HttpResponse head);

    /** A chunk of the body; valid only during the call. */
    void onContent(ByteBuf chunk);

    /** The body ended; {@code reusable} says whether the connection may carry another exchange. */
    void onEnd(HttpConnection connection, boolean reusable);

    /** The exchange broke before its end (connection closed, reset, TLS failure, decoder error). */
    void onFailure(McpException failure);

    /**
     * True once the exchange has failed on what it received (a malformed event, say) and wants nothing more: the
     * connection then stops forwarding and closes, since the rest of that response can never be read as the
     * start of the next one.
     */
    default boolean gaveUp() {
        return false;
    }
}
