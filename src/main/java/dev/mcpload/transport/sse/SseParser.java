package dev.mcpload.transport.sse;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental Server-Sent Events parser following the WHATWG event-stream rules: lines end in CRLF, LF or CR
 * (even when split across chunks); {@code data} lines join with LF; {@code id} persists as the last event id;
 * {@code retry} sets the reconnection delay; lines starting with ':' are comments. Feed it bytes as they
 * arrive; it calls the listener once per dispatched event. Not thread-safe: one parser per stream.
 *
 * <p>Memory: a parser holds no buffer between chunks unless a line or an event is cut by the end of a chunk.
 * While it reads a chunk it borrows its thread's two buffers (one pair per event loop, shared by every parser
 * fed on that thread); when the chunk ends on an event boundary it gives them back, and when it ends inside a
 * line or an event it keeps them until the event is complete. So an idle held stream (the standalone GET
 * stream of every session) costs no buffer, and a parser per response allocates none: before, each parser
 * allocated 1.3 KB up front, and each held session kept them for its whole life.
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

    private static final int LINE_START = 256;
    private static final int DATA_START = 1024;
    /** The largest buffer a thread keeps for the next parser: past it, one huge event is not kept for ever. */
    static final int KEEP_MAX = 64 * 1024;

    /** A thread's buffers, lent to one parser at a time for the length of a {@link #feed} call. */
    private static final class Scratch {
        byte[] line;
        byte[] data;
        boolean lent;
    }

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private final Listener listener;
    private final int maxEventBytes;
    /** Null while the parser holds nothing: between chunks that ended on an event boundary. */
    private byte[] line;
    private int lineLen;
    private byte[] data;
    private int dataLen;
    /** The thread's buffers this parser is using during a feed, or null (none, or buffers of its own). */
    private Scratch borrowed;
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

    /** True when the parser holds buffers between chunks: only while a line or an event is incomplete. */
    public boolean holdsBuffers() {
        return line != null || data != null;
    }

    public void feed(ByteBuf buf) {
        int end = buf.writerIndex();
        int i = buf.readerIndex();
        if (i == end) {
            return;
        }
        acquire();
        try {
            for (; i < end; i++) {
                accept(buf.getByte(i));
            }
        } catch (RuntimeException | Error e) {
            discard(); // the stream cannot go on (too large, or the listener failed): keep nothing of it
            throw e;
        }
        buf.readerIndex(end);
        release();
    }

    public void feed(byte[] bytes, int off, int len) {
        if (len <= 0) {
            return;
        }
        acquire();
        try {
            for (int i = off; i < off + len; i++) {
                accept(bytes[i]);
            }
        } catch (RuntimeException | Error e) {
            discard();
            throw e;
        }
        release();
    }

    /** Buffers for a feed: its own when an event is pending from the last chunk, else the thread's. */
    private void acquire() {
        if (line != null) {
            return;
        }
        Scratch s = SCRATCH.get();
        if (s.lent) { // a listener fed another parser on this thread: that one reads with buffers of its own
            line = new byte[LINE_START];
            data = new byte[DATA_START];
            return;
        }
        if (s.line == null) {
            s.line = new byte[LINE_START];
        }
        if (s.data == null) {
            s.data = new byte[DATA_START];
        }
        line = s.line;
        data = s.data;
        s.lent = true;
        borrowed = s;
    }

    /**
     * After a feed: nothing pending, so the buffers go back (to the thread, or to the collector); a line or an
     * event cut by the chunk's end, so the parser keeps them, and the thread makes new ones when next asked.
     */
    private void release() {
        boolean idle = lineLen == 0 && dataLen == 0;
        Scratch s = borrowed;
        if (s != null) {
            borrowed = null;
            s.lent = false;
            if (idle) {
                s.line = line.length <= KEEP_MAX ? line : null;
                s.data = data.length <= KEEP_MAX ? data : null;
            } else {
                s.line = null; // now this parser's own, until its event is complete
                s.data = null;
                return;
            }
        } else if (!idle) {
            return;
        }
        line = null;
        data = null;
    }

    private void discard() {
        lineLen = 0;
        dataLen = 0;
        hasData = false;
        eventType = null;
        release();
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
