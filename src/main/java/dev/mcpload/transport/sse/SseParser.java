package dev.mcpload.transport.sse;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental Server-Sent Events parser following the WHATWG event-stream rules: lines end in CRLF, LF or CR
 * (even when split across chunks); {@code data} lines join with LF; {@code id} persists as the last event id;
 * {@code retry} sets the reconnection delay; lines starting with ':' are comments. Feed it bytes as they
 * arrive; it calls the listener once per dispatched event. Not thread-safe: one parser per stream.
 */
public final class SseParser {
    /** Receives parsed events. {@code data} is valid only during the call. */
    public interface Listener {
        void onEvent(String type, byte[] data, int length, String lastEventId);

        default void onRetry(long millis) {
        }
    }

    private static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

    /** A line or an event past the parser's limit: the stream cannot go on. */
    public static final class TooLarge extends IllegalStateException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final Listener listener;
    private final int maxEventBytes;
    private byte[] line = new byte[256];
    private int lineLen;
    private byte[] data = new byte[1024];
    private int dataLen;
    private boolean hasData;
    private String eventType;
    private String lastEventId;
    private boolean lastWasCr;

    public SseParser(Listener listener) {
        this(listener, DEFAULT_MAX_EVENT_BYTES);
    }

    public SseParser(Listener listener, int maxEventBytes) {
        this.listener = listener;
        this.maxEventBytes = maxEventBytes;
    }

    /** The id of the last event seen (what a reconnect sends as {@code Last-Event-ID}), or null. */
    public String lastEventId() {
        return lastEventId;
    }

    public void feed(ByteBuf buf) {
        int end = buf.writerIndex();
        for (int i = buf.readerIndex(); i < end; i++) {
            accept(buf.getByte(i));
        }
        buf.readerIndex(end);
    }

    public void feed(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            accept(bytes[i]);
        }
    }

    private void accept(byte b) {
        if (b == '\n') {
            if (lastWasCr) {
                lastWasCr = false; // the LF of a CRLF pair: the line already ended at the CR
                return;
            }
            endLine();
        } else if (b == '\r') {
            lastWasCr = true;
            endLine();
        } else {
            lastWasCr = false;
            if (lineLen >= maxEventBytes) {
                throw new TooLarge("SSE line longer than " + maxEventBytes + " bytes");
            }
            if (lineLen == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, maxEventBytes));
            }
            line[lineLen++] = b;
        }
    }

    private void endLine() {
        int len = lineLen;
        lineLen = 0;
        if (len == 0) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            return; // comment, e.g. a keep-alive
        }
        int colon = -1;
        for (int i = 0; i < len; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? len : colon;
        int valueStart = colon < 0 ? len : colon + 1;
        if (valueStart < len && line[valueStart] == ' ') {
            valueStart++;
        }
        if (is("data", nameEnd)) {
            appendData(valueStart, len);
        } else if (is("event", nameEnd)) {
            eventType = new String(line, valueStart, len - valueStart, StandardCharsets.UTF_8);
        } else if (is("id", nameEnd)) {
            String id = new String(line, valueStart, len - valueStart, StandardCharsets.UTF_8);
            if (id.indexOf('\0') < 0) {
                lastEventId = id;
            }
        } else if (is("retry", nameEnd)) {
            long ms = 0;
            for (int i = valueStart; i < len; i++) {
                if (line[i] < '0' || line[i] > '9') {
                    return; // not all digits: ignored, as the spec says
                }
                ms = ms * 10 + (line[i] - '0');
            }
            if (valueStart < len) {
                listener.onRetry(ms);
            }
        }
        // any other field name is ignored
    }

    private boolean is(String name, int nameEnd) {
        if (nameEnd != name.length()) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (line[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void appendData(int from, int to) {
        int add = to - from + 1;
        if (dataLen + add > data.length) {
            if (dataLen + add > maxEventBytes) {
                throw new TooLarge("SSE event larger than " + maxEventBytes + " bytes");
            }
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataLen + add));
        }
        System.arraycopy(line, from, data, dataLen, to - from);
        dataLen += to - from;
        data[dataLen++] = '\n';
        hasData = true;
    }

    private void dispatch() {
        if (!hasData) {
            eventType = null; // an event without data lines is not dispatched
            return;
        }
        String type = eventType == null || eventType.isEmpty() ? "message" : eventType;
        int len = dataLen - 1; // drop the trailing LF
        dataLen = 0;
        hasData = false;
        eventType = null;
        listener.onEvent(type, data, len, lastEventId);
    }
}
