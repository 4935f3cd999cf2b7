package dev.mcpload.server.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** Faults of HTTP status: the request is answered with an error status instead of its result. */
final class StatusFaults {
    private StatusFaults() {
    }

    /** HTTP {@code code} with a short text body, or none at all with {@code :empty} (as some proxies answer). */
    static Fault status(int code, String param) {
        boolean empty = FaultParams.word(param, "empty");
        HttpResponseStatus status = HttpResponseStatus.valueOf(code);
        byte[] body = (status + " (mcpload serve --fault)\n").getBytes(StandardCharsets.UTF_8);
        return (x, next) -> x.respond(status, empty ? null : HttpHeaderValues.TEXT_PLAIN,
                empty ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    }

    /** 429 Too Many Requests with {@code Retry-After: seconds}, which clients are expected to honour. */
    static Fault tooManyRequests(String param) {
        int seconds = param == null ? 1 : FaultParams.integer(param, 0, 3600);
        String retryAfter = Integer.toString(seconds);
        byte[] body = ("429 Too Many Requests: retry after " + seconds + " s (mcpload serve --fault)\n")
                .getBytes(StandardCharsets.UTF_8);
        return (x, next) -> x.respond(HttpResponseStatus.TOO_MANY_REQUESTS, HttpHeaderValues.TEXT_PLAIN,
                Unpooled.wrappedBuffer(body), HttpHeaderNames.RETRY_AFTER, retryAfter);
    }

    static ByteBuf utf8(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }
}
