package dev.mcpload.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseParserTest {
    record Event(String type, String data, String id) {
    }

    static final class Collector implements SseParser.Listener {
        final List<Event> events = new ArrayList<>();
        final List<Long> retries = new ArrayList<>();

        @Override
        public void onEvent(String type, byte[] data, int length, String lastEventId) {
            events.add(new Event(type, new String(data, 0, length, StandardCharsets.UTF_8), lastEventId));
        }

        @Override
        public void onRetry(long millis) {
            retries.add(millis);
        }
    }

    private static Collector parse(String stream) {
        Collector c = new Collector();
        byte[] b = stream.getBytes(StandardCharsets.UTF_8);
        new SseParser(c).feed(b, 0, b.length);
        return c;
    }

    @Test
    void primingEventThenMessage() {
        Collector c = parse("id: 1\ndata:\n\nevent: message\nid: 2\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n");
        assertThat(c.events).containsExactly(
                new Event("message", "", "1"),
                new Event("message", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "2"));
    }

    @Test
    void multiLineDataJoinsWithNewline() {
        Collector c = parse("data: {\"a\":\ndata: 1}\n\n");
        assertThat(c.events).containsExactly(new Event("message", "{\"a\":\n1}", null));
    }

    @Test
    void commentsAreIgnoredAndRetryIsReported() {
        Collector c = parse(": keep-alive\nretry: 500\n: another\ndata: x\n\nretry: abc\n\n");
        assertThat(c.events).containsExactly(new Event("message", "x", null));
        assertThat(c.retries).containsExactly(500L);
    }

    @Test
    void crlfAndCrLineEndings() {
        Collector c = parse("event: endpoint\r\ndata: /messages?sessionId=abc\r\n\r\ndata: y\r\rdata: z\n\n");
        assertThat(c.events).containsExactly(
                new Event("endpoint", "/messages?sessionId=abc", null),
                new Event("message", "y", null),
                new Event("message", "z", null));
    }

    @Test
    void fieldWithoutColonAndNoSpaceAfterColon() {
        Collector c = parse("data\ndata:x\n\n");
        assertThat(c.events).containsExactly(new Event("message", "\nx", null));
    }

    @Test
    void eventWithoutDataIsNotDispatchedButIdPersists() {
        Collector c = parse("event: ping\nid: 7\n\ndata: later\n\n");
        assertThat(c.events).containsExactly(new Event("message", "later", "7"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Collector c = parse("foo: bar\ndata: ok\n\n");
        assertThat(c.events).containsExactly(new Event("message", "ok", null));
    }

    @Test
    void anyChunkingGivesTheSameEvents() {
        String stream = "id: a\r\ndata:\r\n\r\n: c\nevent: message\ndata: {\"x\":\"é\"}\ndata: 2\n\nretry: 10\ndata: end\r\r";
        Collector whole = parse(stream);
        byte[] b = stream.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            Collector c = new Collector();
            SseParser p = new SseParser(c);
            int i = 0;
            while (i < b.length) {
                int n = 1 + random.nextInt(Math.min(7, b.length - i));
                p.feed(b, i, n);
                i += n;
            }
            assertThat(c.events).isEqualTo(whole.events);
            assertThat(c.retries).isEqualTo(whole.retries);
        }
        assertThat(whole.events).hasSize(3);
    }

    @Test
    void oversizedEventIsRefused() {
        Collector c = new Collector();
        SseParser p = new SseParser(c, 64);
        byte[] big = ("data: " + "x".repeat(100) + "\n\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> p.feed(big, 0, big.length)).isInstanceOf(IllegalStateException.class);
    }

    private static final String TWO_EVENTS = "id: 1\r\ndata:\r\n\r\nevent: message\nid: 2\ndata: {\"a\":\n"
            + "data: \"\u00e9\u6f22\"}\n\n";

    @Test
    void holdsNoBufferWhenIdleAndParsesEventsSplitAtEveryByteBoundary() {
        Collector whole = parse(TWO_EVENTS);
        assertThat(whole.events).hasSize(2);
        byte[] b = TWO_EVENTS.getBytes(StandardCharsets.UTF_8);
        int held = 0;
        for (int cut = 0; cut <= b.length; cut++) {
            Collector c = new Collector();
            SseParser p = new SseParser(c);
            assertThat(p.holdsBuffers()).as("a new parser").isFalse();
            p.feed(Unpooled.wrappedBuffer(b, 0, cut));
            // It keeps buffers only while a line or an event's data is incomplete.
            boolean pending = pendingAfter(b, cut);
            held += pending ? 1 : 0;
            assertThat(p.holdsBuffers()).as("after a chunk of %d bytes", cut).isEqualTo(pending);
            p.feed(Unpooled.wrappedBuffer(b, cut, b.length - cut));
            assertThat(c.events).as("split at byte %d", cut).isEqualTo(whole.events);
            assertThat(p.holdsBuffers()).as("after the whole stream (split at %d)", cut).isFalse();
        }
        assertThat(held).as("cuts inside a line or an event").isGreaterThan(b.length / 2).isLessThan(b.length);
        // One byte at a time: every boundary at once.
        Collector c = new Collector();
        SseParser p = new SseParser(c);
        for (int i = 0; i < b.length; i++) {
            p.feed(b, i, 1);
        }
        assertThat(c.events).isEqualTo(whole.events);
        assertThat(p.holdsBuffers()).isFalse();
    }

    /** Whether the first {@code cut} bytes of a stream end inside a line, or after data lines not yet dispatched. */
    private static boolean pendingAfter(byte[] b, int cut) {
        if (cut > 0 && b[cut - 1] != '\n' && b[cut - 1] != '\r') {
            return true;
        }
        String[] lines = new String(b, 0, cut, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1);
        boolean data = false;
        for (int i = 0; i < lines.length - 1; i++) { // the last is what follows the final line end: nothing
            if (lines[i].isEmpty()) {
                data = false;
            } else if (lines[i].startsWith("data")) {
                data = true;
            }
        }
        return data;
    }

    @Test
    void manyIdleParsersShareTheirThreadsBuffers() {
        byte[] b = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
        Collector c = new Collector();
        List<SseParser> held = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            SseParser p = new SseParser(c);
            p.feed(b, 0, b.length);
            held.add(p);
        }
        assertThat(c.events).hasSize(1000);
        assertThat(held).noneMatch(SseParser::holdsBuffers);
    }

    @Test
    void aParserFedFromInsideAListenerGetsItsOwnBuffers() {
        byte[] inner = "data: inner\n\n".getBytes(StandardCharsets.UTF_8);
        Collector innerEvents = new Collector();
        SseParser innerParser = new SseParser(innerEvents);
        List<String> outer = new ArrayList<>();
        SseParser outerParser = new SseParser((type, data, length, id) -> {
            innerParser.feed(inner, 0, inner.length); // e.g. a reply handled synchronously on the same thread
            outer.add(new String(data, 0, length, StandardCharsets.UTF_8));
        });
        byte[] b = "data: outer one\n\ndata: outer two\n\n".getBytes(StandardCharsets.UTF_8);
        outerParser.feed(b, 0, b.length);
        assertThat(outer).containsExactly("outer one", "outer two");
        assertThat(innerEvents.events).extracting(Event::data).containsExactly("inner", "inner");
        assertThat(outerParser.holdsBuffers()).isFalse();
        assertThat(innerParser.holdsBuffers()).isFalse();
    }

    @Test
    void aRefusedEventLeavesNoBufferBehind() {
        SseParser p = new SseParser(new Collector(), 64);
        byte[] big = ("data: " + "x".repeat(100)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> p.feed(big, 0, big.length)).isInstanceOf(SseParser.TooLarge.class);
        assertThat(p.holdsBuffers()).isFalse();
        byte[] ok = "data: y\n\n".getBytes(StandardCharsets.UTF_8);
        Collector c = new Collector();
        SseParser q = new SseParser(c);
        q.feed(ok, 0, ok.length); // the thread's buffers were given back in a usable state
        assertThat(c.events).containsExactly(new Event("message", "y", null));
    }
}
