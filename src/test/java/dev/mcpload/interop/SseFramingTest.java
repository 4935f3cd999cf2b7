package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.failure;
import static dev.mcpload.interop.Interop.firstText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SSE reply streams as servers really write them, through a scripted server and real sockets: priming events,
 * comments, retry, multi-line data, CRLF, events split across packets, notifications and server requests
 * before the response, and a stream that ends early and must be resumed with GET + Last-Event-ID.
 */
@Timeout(60)
class SseFramingTest {
    private ScriptedServer server;
    private McpClient client;
    private McpSession session;
    private RecordingListener listener;

    @BeforeEach
    void start() {
        server = new ScriptedServer();
        // No standalone stream: these tests script the GETs that resume a request's reply stream, and count them.
        client = new McpClient(ClientOptions.http(server.url()).withTransport(TransportKind.STREAMABLE_HTTP)
                .withIoThreads(1).withStandaloneStream(false));
        listener = new RecordingListener();
        session = client.newSession(listener);
        await(session.initialize());
    }

    @AfterEach
    void stop() {
        await(session.close());
        client.close();
        server.close();
    }

    private IncomingMessage echo() {
        return await(session.request(McpRequests.toolsCall("echo", args("message", "x"))));
    }

    @Test
    void primingCommentsRetryMultiLineDataAndNotificationsBeforeTheResponse() {
        server.on("tools/call", (request, exchange) -> {
            long id = request.id();
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.writeApart(": this is a comment, e.g. a keep-alive\n\n")
                        .writeApart("id: prime-1\nretry: 3000\ndata: \n\n") // priming event
                        .writeApart("event: message\nid: e-2\ndata: {\"jsonrpc\":\"2.0\",\"method\":"
                                + "\"notifications/progress\",\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\n")
                        .writeApart(": another comment\n")
                        // one message over three data lines, the second without a space after the colon
                        .writeApart("data: {\"jsonrpc\":\"2.0\",\n")
                        .writeApart("data:\"method\":\"notifications/message\",\n")
                        .writeApart("data: \"params\":{\"level\":\"info\",\"data\":\"two lines\"}}\n\n")
                        // the response with CRLF line ends, split mid-line and between CR and LF
                        .writeApart("event: message\r\nid: e-3\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + id)
                        .writeApart(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"framed\"}]}}\r")
                        .write("\n\r\n");
            }
        });

        IncomingMessage response = echo();

        assertThat(firstText(response)).isEqualTo("framed");
        assertThat(listener.notifications).extracting(IncomingMessage::method)
                .containsExactly("notifications/progress", "notifications/message");
        assertThat(listener.notifications.get(1).params().path("data").asString(null)).isEqualTo("two lines");
        assertThat(listener.lateResponses).isEmpty();
    }

    @Test
    void aServerRequestWithTheSameIdIsNotMistakenForTheResponseAndIsAnswered() throws Exception {
        // Ids of server→client requests live in the server's id space and may equal ours.
        server.on("tools/call", (request, exchange) -> {
            long id = request.id();
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.writeApart("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}\n\n")
                        .writeApart("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":"
                                + "\"notifications/progress\",\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\n")
                        .write("event: message\ndata: " + ScriptedServer.textResult(id, "mine") + "\n\n");
            }
        });

        assertThat(firstText(echo())).isEqualTo("mine");

        ScriptedServer.Request call = server.next("tools/call");
        // the client answered the server's ping with an empty result on a POST of its own
        ScriptedServer.Request answer = nextAnswer();
        assertThat(answer.json().path("id").asLong()).isEqualTo(call.id());
        assertThat(answer.json().path("result").isObject()).as("%s", answer.body()).isTrue();
        assertThat(answer.header("Mcp-Session-Id")).isEqualTo(ScriptedServer.SESSION);
        assertThat(listener.notifications(McpMethods.PROGRESS)).hasSize(1);
        assertThat(listener.lateResponses).isEmpty();
    }

    private ScriptedServer.Request nextAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ScriptedServer.Request r = server.requests.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.json() != null && r.method() == null && r.json().has("id")) {
                return r;
            }
        }
        throw new AssertionError("the client never answered the server's ping; saw " + server.all);
    }

    @Test
    void aStreamThatEndsAfterAnEventIdIsResumedWithGetAndLastEventId() throws Exception {
        AtomicLong closedAt = new AtomicLong();
        AtomicLong callId = new AtomicLong();
        server.on("tools/call", (request, exchange) -> {
            callId.set(request.id());
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.write("id: stream-1-event-1\nretry: 250\ndata: \n\n");
                closedAt.set(System.nanoTime());
            }
        });
        server.onGet((request, exchange) -> {
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.writeApart("id: stream-1-event-2\ndata: {\"jsonrpc\":\"2.0\",\"method\":"
                                + "\"notifications/progress\",\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\n")
                        .write("event: message\nid: stream-1-event-3\ndata: "
                                + ScriptedServer.textResult(callId.get(), "resumed") + "\n\n");
                server.closing.await(5, TimeUnit.SECONDS); // like the spec allows, keep the stream open a while
            }
        });

        IncomingMessage response = echo();

        assertThat(firstText(response)).isEqualTo("resumed");
        ScriptedServer.Request get = server.next("GET");
        assertThat(get.header("Last-Event-ID")).isEqualTo("stream-1-event-1");
        assertThat(get.header("Mcp-Session-Id")).isEqualTo(ScriptedServer.SESSION);
        assertThat(get.header("Accept")).contains("text/event-stream");
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(get.nanoTime() - closedAt.get());
        assertThat(waitedMs).as("reconnection delay after the stream ended (retry: 250)").isBetween(240L, 2_000L);
        assertThat(listener.notifications(McpMethods.PROGRESS)).hasSize(1);
        // the session goes on normally afterwards
        server.on("tools/call", (request, exchange) ->
                ScriptedServer.json(exchange, 200, ScriptedServer.textResult(request.id(), "plain json")));
        assertThat(firstText(echo())).isEqualTo("plain json");
    }

    /**
     * The last event id and the retry time belong to the stream, not to one connection (WHATWG SSE): when the
     * resumed GET ends again before any event, the client resumes again from the same id.
     */
    @Test
    void aResumedStreamThatEndsEmptyIsResumedAgainFromTheSameEventId() throws Exception {
        AtomicLong callId = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger gets = new java.util.concurrent.atomic.AtomicInteger();
        server.on("tools/call", (request, exchange) -> {
            callId.set(request.id());
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.write("id: ev-1\nretry: 100\ndata: \n\n");
            }
        });
        server.onGet((request, exchange) -> {
            try (var sse = ScriptedServer.sse(exchange)) {
                if (gets.incrementAndGet() >= 2) {
                    sse.write("id: ev-2\ndata: " + ScriptedServer.textResult(callId.get(), "second try") + "\n\n");
                }
                // the first GET ends at once without an event (e.g. a proxy cut it)
            }
        });

        assertThat(firstText(echo())).isEqualTo("second try");
        ScriptedServer.Request first = server.next("GET");
        ScriptedServer.Request second = server.next("GET");
        assertThat(first.header("Last-Event-ID")).isEqualTo("ev-1");
        assertThat(second.header("Last-Event-ID")).isEqualTo("ev-1");
        assertThat(TimeUnit.NANOSECONDS.toMillis(second.nanoTime() - first.nanoTime()))
                .as("the retry time (100 ms) still applies").isGreaterThanOrEqualTo(90L);
    }

    @Test
    void aStreamThatEndsWithoutResponseOrEventIdIsProtocol() {
        server.on("tools/call", (request, exchange) -> {
            try (var sse = ScriptedServer.sse(exchange)) {
                sse.write("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                        + "\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\n");
            }
        });

        McpException e = failure(session.request(McpRequests.toolsCall("echo", args("message", "x"))));

        assertThat(e.errorClass()).as("%s", e.getMessage()).isEqualTo(ErrorClass.PROTOCOL);
        assertThat(e.getMessage()).contains("ended without a response");
        assertThat(listener.notifications).hasSize(1);
    }
}
