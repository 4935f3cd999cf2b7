package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ProtocolVersions;
import java.io.IOException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** The 2024-11-05 HTTP+SSE transport: endpoint event, 202 on POST, answers on the GET stream. */
@Timeout(30)
class LegacySseTest {
    private static final Pattern CHUNK_SIZE = Pattern.compile("[0-9a-fA-F]+");

    private static ReferenceServer server;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(2).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void endpointEventThenAnswersOnTheStream() throws Exception {
        try (RawHttp stream = openStream()) {
            TestHttp.Event endpoint = nextEvent(stream);
            assertThat(endpoint.event()).isEqualTo("endpoint");
            assertThat(endpoint.data()).startsWith("/messages?sessionId=");
            TestHttp post = new TestHttp("http://127.0.0.1:" + server.port() + endpoint.data());

            assertThat(post.post(null, TestHttp.initializeBody(ProtocolVersions.V2024_11_05)).statusCode())
                    .isEqualTo(202);
            JsonNode initialized = TestHttp.parse(nextEvent(stream).data());
            assertThat(initialized.at("/result/protocolVersion").stringValue()).isEqualTo(ProtocolVersions.V2024_11_05);

            assertThat(post.post(null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
                    .isEqualTo(202);
            assertThat(post.post(null, TestHttp.request(2, "tools/call",
                    "{\"name\":\"sleep\",\"arguments\":{\"ms\":50},\"_meta\":{\"progressToken\":7}}")).statusCode())
                    .isEqualTo(202);
            for (int i = 0; i < 3; i++) {
                TestHttp.Event progress = nextEvent(stream);
                assertThat(progress.event()).isEqualTo("message");
                assertThat(TestHttp.parse(progress.data()).at("/params/progressToken").intValue()).isEqualTo(7);
            }
            JsonNode slept = TestHttp.parse(nextEvent(stream).data());
            assertThat(slept.get("id").intValue()).isEqualTo(2);
            assertThat(slept.at("/result/content/0/text").stringValue()).isEqualTo("Slept 50 ms");

            assertThat(post.post(null, TestHttp.request(3, "tools/call",
                    "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}")).statusCode()).isEqualTo(202);
            assertThat(TestHttp.parse(nextEvent(stream).data()).at("/result/content/0/text").stringValue())
                    .isEqualTo("Echo: hi");
        }
    }

    @Test
    void closingTheStreamEndsTheSession() throws Exception {
        int before = server.activeSessions();
        String endpoint;
        try (RawHttp stream = openStream()) {
            endpoint = nextEvent(stream).data();
            assertThat(server.activeSessions()).isEqualTo(before + 1);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.activeSessions() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.activeSessions()).isEqualTo(before);
        TestHttp post = new TestHttp("http://127.0.0.1:" + server.port() + endpoint);
        assertThat(post.post(null, TestHttp.request(1, "ping", "{}")).statusCode()).isEqualTo(404);
    }

    @Test
    void expiringASessionClosesItsStream() throws Exception {
        try (RawHttp stream = openStream()) {
            String endpoint = nextEvent(stream).data();
            assertThat(server.expireSession(endpoint.substring(endpoint.indexOf('=') + 1))).isTrue();
            // The server ends the chunked stream by closing the connection: reading runs into its end.
            try {
                while (true) {
                    stream.readLine();
                }
            } catch (IOException closed) {
                // end of stream (or reset): the session's stream is gone, as expected
            }
        }
    }

    @Test
    void postWithoutOrWithUnknownSession() {
        TestHttp noId = new TestHttp("http://127.0.0.1:" + server.port() + "/messages");
        assertThat(noId.post(null, TestHttp.request(1, "ping", "{}")).statusCode()).isEqualTo(400);
        TestHttp unknown = new TestHttp("http://127.0.0.1:" + server.port() + "/messages?sessionId=nope");
        assertThat(unknown.post(null, TestHttp.request(1, "ping", "{}")).statusCode()).isEqualTo(404);
    }

    private static RawHttp openStream() throws IOException {
        RawHttp stream = new RawHttp(server.port());
        stream.write("GET /sse HTTP/1.1\r\nHost: " + stream.host() + "\r\nAccept: text/event-stream\r\n\r\n");
        RawHttp.Response head = stream.readHead();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-type")).isEqualTo("text/event-stream");
        return stream;
    }

    /** The next event on an open chunked stream (chunk-size lines skipped). */
    private static TestHttp.Event nextEvent(RawHttp stream) throws IOException {
        String id = null;
        String event = null;
        String data = null;
        while (true) {
            String line = stream.readLine();
            if (line.isEmpty()) {
                if (event != null || data != null) {
                    return new TestHttp.Event(id, event, data);
                }
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (!CHUNK_SIZE.matcher(line).matches()) {
                throw new AssertionError("unexpected line on the stream: " + line);
            }
        }
    }
}
