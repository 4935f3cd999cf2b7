package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ProtocolVersions;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** Streamable HTTP in SSE response mode: stream framing, priming event, progress before the result. */
@Timeout(30)
class StreamableHttpSseTest {
    private static ReferenceServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerOptions.builder().responseMode(ResponseMode.SSE)
                .ioThreads(1).build());
        http = new TestHttp(server.mcpUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void initializeIsAnsweredOnAnEventStreamWithPrimingEvent() {
        HttpResponse<String> response = http.post(null, TestHttp.initializeBody(ProtocolVersions.LATEST));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
        List<TestHttp.Event> events = TestHttp.events(response.body());
        assertThat(events).hasSize(2);
        assertThat(events.get(0).id()).isNotBlank();
        assertThat(events.get(0).data()).isEmpty();
        assertThat(events.get(1).event()).isEqualTo("message");
        JsonNode message = TestHttp.parse(events.get(1).data());
        assertThat(message.get("id").intValue()).isZero();
        assertThat(message.at("/result/protocolVersion").stringValue()).isEqualTo(ProtocolVersions.LATEST);
    }

    @Test
    void noPrimingEventBefore2025_11_25() {
        HttpResponse<String> response = http.post(null, TestHttp.initializeBody(ProtocolVersions.V2025_06_18));
        List<TestHttp.Event> events = TestHttp.events(response.body());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).event()).isEqualTo("message");
    }

    @Test
    void sleepSendsProgressBeforeTheResult() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        HttpResponse<String> response = http.post(sessionId, TestHttp.request(5, "tools/call",
                "{\"name\":\"sleep\",\"arguments\":{\"ms\":100},\"_meta\":{\"progressToken\":\"tok-1\"}}"));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<TestHttp.Event> events = TestHttp.events(response.body());
        assertThat(events.get(0).data()).isEmpty(); // priming
        List<JsonNode> messages = events.stream().skip(1).map(e -> TestHttp.parse(e.data())).toList();
        assertThat(messages).hasSize(4);
        double last = -1;
        for (JsonNode progress : messages.subList(0, 3)) {
            assertThat(progress.get("method").stringValue()).isEqualTo("notifications/progress");
            assertThat(progress.at("/params/progressToken").stringValue()).isEqualTo("tok-1");
            assertThat(progress.at("/params/progress").doubleValue()).isGreaterThan(last);
            last = progress.at("/params/progress").doubleValue();
        }
        assertThat(messages.get(3).get("id").intValue()).isEqualTo(5);
        assertThat(messages.get(3).at("/result/content/0/text").stringValue()).isEqualTo("Slept 100 ms");
    }

    @Test
    void errorsAreFramedTooAndEventIdsAreUniqueInTheSession() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        List<TestHttp.Event> first = TestHttp.events(http.post(sessionId,
                TestHttp.request(1, "tools/call", "{\"name\":\"nope\"}")).body());
        List<TestHttp.Event> second = TestHttp.events(http.post(sessionId, TestHttp.request(2, "ping", "{}")).body());
        assertThat(TestHttp.parse(first.get(1).data()).at("/error/code").intValue()).isEqualTo(-32602);
        assertThat(first.get(0).id()).isNotEqualTo(second.get(0).id());
    }

    @Test
    void jsonOnlyClientGetsJson() {
        String sessionId = http.initialize(ProtocolVersions.LATEST);
        HttpResponse<String> response = http.post(sessionId, TestHttp.request(1, "tools/call",
                "{\"name\":\"echo\",\"arguments\":{\"message\":\"x\"}}"), "Accept", "application/json");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(TestHttp.parse(response.body()).at("/result/content/0/text").stringValue()).isEqualTo("Echo: x");
    }
}
