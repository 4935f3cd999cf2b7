package dev.mcpload.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import tools.jackson.databind.JsonNode;

/**
 * Frames Server-Sent Events into pooled buffers. JSON is written compact, so it never contains a raw newline
 * and always fits one {@code data:} line.
 */
final class SseWriter {
    private static final byte[] MESSAGE_PREFIX = ascii("event: message\ndata: ");
    private static final byte[] EVENT_END = ascii("\n\n");

    private SseWriter() {
    }

    /** {@code event: message} carrying one JSON-RPC message: the only kind MCP sends on a stream. */
    static ByteBuf message(ByteBufAllocator alloc, JsonNode message) {
        ByteBuf buf = alloc.buffer(256);
        try {
            buf.writeBytes(MESSAGE_PREFIX);
            JsonRpc.writeTo(buf, message);
            buf.writeBytes(EVENT_END);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** A named event with a one-line text payload, e.g. the legacy transport's {@code endpoint} event. */
    static ByteBuf event(ByteBufAllocator alloc, String event, String data) {
        ByteBuf buf = alloc.buffer(16 + event.length() + data.length());
        ByteBufUtil.writeUtf8(buf, "event: " + event + "\ndata: " + data + "\n\n");
        return buf;
    }

    /**
     * The priming event of a 2025-11-25 stream: an event id and empty data, so a client that loses the
     * connection knows which {@code Last-Event-ID} to resume from. Clients dispatch no message for it.
     */
    static ByteBuf priming(ByteBufAllocator alloc, long eventId) {
        ByteBuf buf = alloc.buffer(32);
        ByteBufUtil.writeAscii(buf, "id: " + eventId + "\ndata: \n\n");
        return buf;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
