package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.ProtocolVersions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reference server's standalone GET stream on the wire: opened per session, one at a time, ended by DELETE. */
@Timeout(30)
class StandaloneStreamServerTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<InputStream> get(String url, String sessionId, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Accept", accept).header("MCP-Protocol-Version", ProtocolVersions.LATEST).GET();
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads until {@code text} has arrived (the test's @Timeout bounds it); returns all read. */
    private static String readUntil(InputStream in, String text) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[1024];
        while (!seen.toString().contains(text)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("stream ended before '" + text + "'; got: " + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    @Test
    void getOpensTheSessionsStreamOnceAndDeleteEndsIt() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).build())) {
            TestHttp http = new TestHttp(server.mcpUrl());
            String sessionId = http.initialize(ProtocolVersions.LATEST);
            HttpResponse<InputStream> stream = get(server.mcpUrl(), sessionId, "text/event-stream");
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            InputStream in = stream.body();
            assertThat(readUntil(in, "data: \n\n")).as("priming event").startsWith("id: ");
            assertThat(server.openStandaloneStreams()).isEqualTo(1);

            HttpResponse<InputStream> second = get(server.mcpUrl(), sessionId, "text/event-stream");
            assertThat(second.statusCode()).as("one standalone stream per session").isEqualTo(409);
            second.body().close();

            var log = Json.object().put("jsonrpc", "2.0").put("method", "notifications/message");
            log.putObject("params").put("level", "info").put("data", "hello stream");
            assertThat(server.sendOnStandaloneStreams(log)).isEqualTo(1);
            assertThat(readUntil(in, "hello stream")).contains("event: message\ndata: {\"jsonrpc\":\"2.0\"");

            HttpRequest delete = http.request().header("Mcp-Session-Id", sessionId).DELETE().build();
            assertThat(http.send(delete).statusCode()).isEqualTo(200);
            byte[] rest = in.readAllBytes(); // returns at the stream's end: DELETE ended it
            assertThat(rest.length).isLessThan(100);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.openStandaloneStreams() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.openStandaloneStreams()).isZero();
            assertThat(server.standaloneStreamRequests()).isEqualTo(2);
        }
    }

    @Test
    void getWithoutAValidSessionOrSseAcceptIsRefused() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).build())) {
            String sessionId = new TestHttp(server.mcpUrl()).initialize(ProtocolVersions.LATEST);
            assertThat(get(server.mcpUrl(), null, "text/event-stream").statusCode()).isEqualTo(400);
            assertThat(get(server.mcpUrl(), "no-such-session", "text/event-stream").statusCode()).isEqualTo(404);
            assertThat(get(server.mcpUrl(), sessionId, "text/html").statusCode()).isEqualTo(406);
            assertThat(server.openStandaloneStreams()).isZero();
        }
    }

    @Test
    void withoutStandaloneStreamGetIs405() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1)
                .standaloneStream(false).build())) {
            String sessionId = new TestHttp(server.mcpUrl()).initialize(ProtocolVersions.LATEST);
            HttpResponse<InputStream> r = get(server.mcpUrl(), sessionId, "text/event-stream");
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("POST, DELETE");
            assertThat(server.standaloneStreamRequests()).isEqualTo(1);
        }
    }
}
