package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.ClientCapability;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import dev.mcpload.transport.http.StandaloneStreamState;
import dev.mcpload.transport.http.StreamableHttpSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standalone GET event stream of Streamable HTTP sessions, end to end over loopback: opened once per session
 * after initialized and closed with it, what the server sends on it delivered, a server without one (405) asked
 * once per client with no error, a dropped stream reopened once, and server requests answered per declared
 * client capability.
 */
@Timeout(60)
class StandaloneStreamTest {
    private static ClientOptions options(String url) {
        return ClientOptions.http(url).withTransport(TransportKind.STREAMABLE_HTTP).withEra(ProtocolEra.LEGACY)
                .withIoThreads(1); // the standalone GET stream is legacy-era: 2026-07-28 has none
    }

    @Test
    void eachSessionOpensOneStreamAndClosesItWithTheSession() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).build());
             McpClient client = new McpClient(options(server.mcpUrl()))) {
            List<StreamableHttpSession> sessions = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                StreamableHttpSession s = (StreamableHttpSession) client.newSession(null);
                await(s.initialize());
                sessions.add(s);
            }
            waitFor(() -> server.openStandaloneStreams() == 5, "5 open streams, saw " + server.openStandaloneStreams());
            for (StreamableHttpSession s : sessions) {
                for (int i = 0; i < 50; i++) {
                    await(s.request(McpRequests.toolsCall("add", args("a", i, "b", 1))));
                }
                assertThat(s.standaloneStream()).isEqualTo(StandaloneStreamState.OPEN);
                assertThat(s.standaloneStreamOpens()).isEqualTo(1);
                // one connection for requests, one for the stream
                assertThat(s.connectionsOpened()).isEqualTo(2);
            }
            assertThat(server.standaloneStreamRequests()).as("one GET per session").isEqualTo(5);
            for (StreamableHttpSession s : sessions) {
                await(s.close());
                assertThat(s.standaloneStream()).isEqualTo(StandaloneStreamState.ENDED);
            }
            waitFor(() -> server.openStandaloneStreams() == 0, "streams closed, " + server.openStandaloneStreams()
                    + " still open");
            assertThat(server.activeSessions()).isZero();
            Thread.sleep(1_500); // longer than the reopen delay: a closed session must not come back
            assertThat(server.standaloneStreamRequests()).isEqualTo(5);
        }
    }

    @Test
    void notificationsOnTheStreamReachTheListener() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).build());
             McpClient client = new McpClient(options(server.mcpUrl()))) {
            RecordingListener a = new RecordingListener();
            RecordingListener b = new RecordingListener();
            McpSession sa = client.newSession(a);
            McpSession sb = client.newSession(b);
            await(sa.initialize());
            await(sb.initialize());
            waitFor(() -> server.openStandaloneStreams() == 2, "2 open streams");
            ObjectNode log = Json.object().put("jsonrpc", "2.0").put("method", "notifications/message");
            log.putObject("params").put("level", "info").put("data", "news");
            for (int i = 0; i < 7; i++) {
                assertThat(server.sendOnStandaloneStreams(log)).isEqualTo(2);
            }
            waitFor(() -> a.notifications("notifications/message").size() == 7
                    && b.notifications("notifications/message").size() == 7, "7 notifications each");
            assertThat(a.notifications("notifications/message").get(0).params().path("data").asString())
                    .isEqualTo("news");
            await(sa.close());
            await(sb.close());
        }
    }

    @Test
    void aServerWithoutAStreamIsAskedOncePerClientAndNothingFails() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1)
                .standaloneStream(false).build());
             McpClient client = new McpClient(options(server.mcpUrl()))) {
            for (int i = 0; i < 4; i++) {
                StreamableHttpSession s = (StreamableHttpSession) client.newSession(null);
                await(s.initialize());
                if (i == 0) {
                    waitFor(() -> s.standaloneStream() == StandaloneStreamState.ABSENT, "405 seen");
                }
                for (int k = 0; k < 20; k++) {
                    assertThat(await(s.request(McpRequests.toolsCall("add", args("a", k, "b", 1)))).isToolError())
                            .isFalse();
                }
                assertThat(s.standaloneStream()).isEqualTo(StandaloneStreamState.ABSENT);
                await(s.close());
            }
            Thread.sleep(1_200); // longer than the reopen delay: a 405 is not a drop to retry
            assertThat(server.standaloneStreamRequests()).as("GETs for 4 sessions of one client").isEqualTo(1);
            assertThat(server.openStandaloneStreams()).isZero();
        }
    }

    @Test
    void aDroppedStreamIsReopenedOnceFromItsLastEventIdAndNeverAgain() throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             McpClient client = new McpClient(options(server.url()))) {
            java.util.concurrent.atomic.AtomicInteger gets = new java.util.concurrent.atomic.AtomicInteger();
            server.onGet((request, exchange) -> {
                try (var sse = ScriptedServer.sse(exchange)) {
                    int n = gets.incrementAndGet();
                    sse.write("id: get-" + n + "\nretry: 200\ndata: \n\n"); // then the stream drops
                }
            });
            RecordingListener listener = new RecordingListener();
            McpSession s = client.newSession(listener);
            await(s.initialize());
            ScriptedServer.Request first = server.next("GET");
            ScriptedServer.Request second = server.next("GET");
            assertThat(first.header("Last-Event-ID")).isNull();
            assertThat(first.header("Mcp-Session-Id")).isEqualTo(ScriptedServer.SESSION);
            assertThat(first.header("MCP-Protocol-Version")).isEqualTo("2025-11-25");
            assertThat(first.header("Accept")).isEqualTo("text/event-stream");
            assertThat(second.header("Last-Event-ID")).isEqualTo("get-1");
            assertThat(TimeUnit.NANOSECONDS.toMillis(second.nanoTime() - first.nanoTime()))
                    .as("the server's retry (200 ms) before reopening").isGreaterThanOrEqualTo(190L);
            Thread.sleep(1_500);
            assertThat(gets.get()).as("reopened once, not again and again").isEqualTo(2);
            assertThat(((StreamableHttpSession) s).standaloneStream()).isEqualTo(StandaloneStreamState.ENDED);
            // and the session works on
            assertThat(await(s.request(McpRequests.ping())).kind()).isNotNull();
            await(s.close());
        }
    }

    @Test
    void serverRequestsAreAnsweredOnlyForDeclaredCapabilities() throws Exception {
        assertAnswers(EnumSet.noneOf(ClientCapability.class));
        assertAnswers(EnumSet.of(ClientCapability.ROOTS));
        assertAnswers(EnumSet.allOf(ClientCapability.class));
    }

    private static void assertAnswers(Set<ClientCapability> declared) throws Exception {
        try (ScriptedServer server = new ScriptedServer();
             McpClient client = new McpClient(options(server.url()).withClientCapabilities(declared))) {
            server.onGet((request, exchange) -> {
                try (var sse = ScriptedServer.sse(exchange)) {
                    sse.write(request("s-ping", "ping", "{}"))
                            .write(request("s-roots", "roots/list", "{}"))
                            .write(request("s-sampling", "sampling/createMessage", "{\"messages\":[{\"role\":"
                                    + "\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}],\"maxTokens\":5}"))
                            .write(request("s-elicit", "elicitation/create", "{\"message\":\"name?\","
                                    + "\"requestedSchema\":{\"type\":\"object\",\"properties\":{}}}"));
                    server.closing.await(10, TimeUnit.SECONDS);
                }
            });
            RecordingListener listener = new RecordingListener();
            McpSession s = client.newSession(listener);
            await(s.initialize());
            JsonNode caps = server.all.stream().filter(r -> "initialize".equals(r.method())).findFirst()
                    .orElseThrow().json().path("params").path("capabilities");
            List<String> names = new ArrayList<>();
            caps.propertyNames().forEach(names::add);
            assertThat(names).as("declared in initialize")
                    .containsExactlyInAnyOrderElementsOf(declared.stream().map(ClientCapability::wireName).toList());

            java.util.Map<String, JsonNode> answers = new java.util.HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (answers.size() < 4 && System.nanoTime() < deadline) {
                for (ScriptedServer.Request r : server.all) {
                    if ("POST".equals(r.httpMethod()) && r.json() != null && r.json().has("id")
                            && !r.json().has("method")) {
                        answers.put(r.json().path("id").asString(), r.json());
                    }
                }
                Thread.sleep(10);
            }
            assertThat(answers).as("an answer to each request").hasSize(4);
            assertThat(answers.get("s-ping").path("result").isObject()).isTrue();
            check(answers.get("s-roots"), declared.contains(ClientCapability.ROOTS), "{\"roots\":[]}");
            check(answers.get("s-sampling"), declared.contains(ClientCapability.SAMPLING),
                    "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"mcpload canned reply\"},"
                            + "\"model\":\"mcpload\",\"stopReason\":\"endTurn\"}");
            check(answers.get("s-elicit"), declared.contains(ClientCapability.ELICITATION),
                    "{\"action\":\"decline\"}");
            assertThat(listener.serverRequests).containsExactly("ping", "roots/list", "sampling/createMessage",
                    "elicitation/create");
            await(s.close());
        }
    }

    private static void check(JsonNode answer, boolean declared, String expectedResult) {
        if (declared) {
            assertThat(answer.path("result")).isEqualTo(Json.parse(expectedResult));
        } else {
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32601);
            assertThat(answer.has("result")).isFalse();
        }
    }

    private static String request(String id, String method, String params) {
        return "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method
                + "\",\"params\":" + params + "}\n\n";
    }

    /** Sessions opening and closing with their streams leave no descriptor behind. */
    @Test
    void openingAndClosingSessionsWithStreamsLeaksNoDescriptor() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc/self/fd on this system");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).build());
             McpClient client = new McpClient(options(server.mcpUrl()))) {
            cycle(client, server, 20); // warm up: threads, pools
            long before = count(fds);
            cycle(client, server, 200);
            long after = count(fds);
            assertThat(after - before).as("descriptors: %d before, %d after 200 sessions with streams", before,
                    after).isLessThan(20);
        }
    }

    private static void cycle(McpClient client, ReferenceServer server, int sessions) throws Exception {
        for (int i = 0; i < sessions; i++) {
            StreamableHttpSession s = (StreamableHttpSession) client.newSession(null);
            await(s.initialize());
            await(s.request(McpRequests.ping()));
            waitFor(() -> s.standaloneStream() == StandaloneStreamState.OPEN, "stream open");
            await(s.close());
        }
        waitFor(() -> server.openStandaloneStreams() == 0 && server.activeSessions() == 0, "all closed");
        Thread.sleep(100); // the last sockets' close to finish on both sides
    }

    private static long count(Path fds) throws IOException {
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        }
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
