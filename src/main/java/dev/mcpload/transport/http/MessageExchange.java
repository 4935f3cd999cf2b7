package dev.mcpload.transport.http;

import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.MessageScanner;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Snippets;
import dev.mcpload.transport.sse.SseParser;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An exchange whose body carries JSON-RPC messages: a plain JSON body (read whole) or an SSE stream (parsed as
 * it arrives, one message per {@code message} event). Messages and the outcome go to a {@link Sink}; the
 * exchange itself decides nothing about MCP.
 */
final class MessageExchange implements Exchange, SseParser.Listener {
    /** What the owner of the exchange is told. All calls on the event loop. */
    interface Sink {
        default void onHead(MessageExchange x, HttpResponse head) {
        }

        void onMessage(MessageExchange x, IncomingMessage message);

        /** An SSE event of another type than {@code message} (e.g. the legacy {@code endpoint} event). */
        default void onOtherEvent(MessageExchange x, String type, String data) {
        }

        /** The response ended; inspect {@link #status()}, {@link #body()}, {@link #isSse()}. */
        void onEnd(MessageExchange x, HttpConnection connection, boolean reusable);

        void onFailure(MessageExchange x, McpException failure);
    }

    /** What is kept of an error body: enough for the message, never the whole of a large one. */
    private static final int MAX_ERROR_BODY = 4096;

    private final String verb;
    private final Object target;
    private final String what;
    final Object tag;
    private final Sink sink;
    private int status;
    private String reason = "";
    private String contentType = "";
    private SseParser parser;
    private static final byte[] NO_BODY = new byte[0];
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String APPLICATION_JSON = "application/json";
    private byte[] body = NO_BODY;
    private int bodyLen;
    private long retryMillis = -1;
    private long retryAfterMs = -1;
    private String lastEventId;
    private boolean failed;
    private int maxMessageBytes = dev.mcpload.transport.ClientOptions.DEFAULT_MAX_MESSAGE_BYTES;
    /** The owner's own response, held until the stream ends so the connection is free for the next request. */
    IncomingMessage ownResponse;
    /** The Mcp-Session-Id the request carried (null for none), to tell a stale rejection from a current one. */
    String sessionIdSent;

    /**
     * @param description how to name this exchange in messages, e.g. "POST http://host/mcp (tools/call)"
     * @param tag         the owner's context (e.g. the pending request), for the sink
     */
    MessageExchange(String description, Object tag, Sink sink) {
        this(description, null, null, tag, sink);
    }

    /**
     * The same, named "{@code verb target (what)}" only when a message needs it: building that string for
     * every request cost more than the rest of the exchange object.
     */
    MessageExchange(String verb, Object target, String what, Object tag, Sink sink) {
        this.verb = verb;
        this.target = target;
        this.what = what;
        this.tag = tag;
        this.sink = sink;
    }

    /**
     * The largest body or SSE event this exchange accepts: past it the request fails as {@code protocol} at once
     * and the connection is closed, so nothing more of the response is read or buffered.
     */
    MessageExchange limitedTo(int bytes) {
        maxMessageBytes = bytes;
        return this;
    }

    /** How to name this exchange in messages, e.g. "POST http://host/mcp (tools/call)". */
    String description() {
        if (target == null) {
            return verb;
        }
        return what == null ? verb + " " + target : verb + " " + target + " (" + what + ")";
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    String contentType() {
        return contentType;
    }

    boolean isSse() {
        return parser != null;
    }

    boolean isJson() {
        return contentType.startsWith("application/json") || contentType.endsWith("+json");
    }

    byte[] body() {
        return Arrays.copyOf(body, bodyLen);
    }

    int bodyLength() {
        return bodyLen;
    }

    String bodyText() {
        return new String(body, 0, bodyLen, StandardCharsets.UTF_8);
    }

    String bodySnippet() {
        return Snippets.of(body, 0, bodyLen);
    }

    /** The last SSE event id seen (for resuming with Last-Event-ID), or null. */
    String lastEventId() {
        return lastEventId;
    }

    /**
     * Continues the stream an earlier exchange carried (a resumption): its last event id and retry time stay in
     * force until this stream sends its own, as for an EventSource reconnecting.
     */
    void resumes(MessageExchange earlier) {
        lastEventId = earlier.lastEventId;
        retryMillis = earlier.retryMillis;
    }

    /** The failure to report for a response that is not a success: its status, reason, body and Retry-After. */
    McpException httpFailure() {
        return McpException.http(status, description() + " answered HTTP " + status + " " + reason + ": "
                + bodySnippet(), retryAfterMs);
    }

    /** The server's {@code retry} advice in ms, or -1. */
    long retryMillis() {
        return retryMillis;
    }

    @Override
    public void onHead(HttpResponse head) {
        status = head.status().code();
        reason = head.status().reasonPhrase();
        String ct = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        // The two usual types as constants: a held stream's exchange then keeps no string of its own.
        contentType = ct == null ? "" : ct.equalsIgnoreCase(EVENT_STREAM) ? EVENT_STREAM
                : ct.equalsIgnoreCase(APPLICATION_JSON) ? APPLICATION_JSON : ct.toLowerCase(java.util.Locale.ROOT).trim();
        if (status >= 400) {
            retryAfterMs = RetryAfter.parseMs(head.headers().get(HttpHeaderNames.RETRY_AFTER), System.currentTimeMillis());
        }
        boolean success = status >= 200 && status < 300;
        if (status == 200 && contentType.startsWith("text/event-stream")) {
            parser = new SseParser(this, maxMessageBytes);
        } else {
            // Size the body once when the server says how long it is: no regrowth, and no copy to scan it.
            long length = io.netty.handler.codec.http.HttpUtil.getContentLength(head, -1L);
            if (success && length > maxMessageBytes) {
                sink.onHead(this, head);
                fail(tooLarge("Content-Length " + length));
                return;
            }
            int limit = success ? maxMessageBytes : MAX_ERROR_BODY;
            if (length > 0) {
                body = new byte[(int) Math.min(length, limit)];
            }
        }
        sink.onHead(this, head);
    }

    @Override
    public void onContent(ByteBuf chunk) {
        if (failed) {
            return;
        }
        if (parser != null) {
            try {
                parser.feed(chunk);
            } catch (SseParser.TooLarge e) {
                fail(tooLarge("an SSE event or line of more"));
            } catch (IllegalStateException e) {
                fail(new McpException(dev.mcpload.protocol.ErrorClass.PROTOCOL,
                        description() + ": " + e.getMessage()));
            }
            return;
        }
        boolean success = status >= 200 && status < 300;
        if (success && bodyLen + chunk.readableBytes() > maxMessageBytes) {
            fail(tooLarge("more"));
            return;
        }
        int limit = success ? maxMessageBytes : MAX_ERROR_BODY;
        int n = Math.min(chunk.readableBytes(), limit - bodyLen);
        if (n <= 0) {
            return;
        }
        if (bodyLen + n > body.length) {
            body = Arrays.copyOf(body, Math.max(bodyLen + n, Math.min(limit, Math.max(256, body.length * 2))));
        }
        chunk.getBytes(chunk.readerIndex(), body, bodyLen, n);
        bodyLen += n;
    }

    @Override
    public void onEnd(HttpConnection connection, boolean reusable) {
        if (!failed) {
            sink.onEnd(this, connection, reusable);
        } else {
            connection.close(); // nobody owns it any more: closing is the only way it is not leaked
        }
    }

    @Override
    public boolean gaveUp() {
        return failed;
    }

    @Override
    public void onFailure(McpException failure) {
        fail(failure);
    }

    @Override
    public void onEvent(String type, byte[] data, int length, String eventId) {
        if (eventId != null) {
            lastEventId = eventId;
        }
        if (failed) {
            return;
        }
        if (!"message".equals(type)) {
            sink.onOtherEvent(this, type, new String(data, 0, length, StandardCharsets.UTF_8));
            return;
        }
        if (isBlank(data, length)) {
            return; // a priming event: an id to resume from, no message
        }
        IncomingMessage m;
        try {
            m = MessageScanner.scan(data, 0, length);
        } catch (McpException e) {
            fail(new McpException(e.errorClass(), description() + ": " + e.getMessage()));
            return;
        }
        sink.onMessage(this, m);
    }

    @Override
    public void onRetry(long millis) {
        retryMillis = millis;
    }

    /** Scans a whole JSON body as one message. */
    IncomingMessage scanBody() {
        return bodyLen == body.length ? MessageScanner.scanOwned(body) : MessageScanner.scan(body, 0, bodyLen);
    }

    /** A response past {@link #limitedTo}: named with the setting that raises the limit. */
    private McpException tooLarge(String what) {
        return new McpException(dev.mcpload.protocol.ErrorClass.PROTOCOL, description() + ": response larger than "
                + maxMessageBytes + " bytes (" + what + "; raise max_message_bytes to accept it); the rest was"
                + " not read");
    }

    private void fail(McpException e) {
        if (!failed) {
            failed = true;
            sink.onFailure(this, e);
        }
    }

    private static boolean isBlank(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(data[i])) {
                return false;
            }
        }
        return true;
    }

}
