package dev.mcpload.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
