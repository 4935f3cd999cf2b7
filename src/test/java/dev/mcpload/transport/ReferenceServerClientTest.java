package dev.mcpload.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.server.ResponseMode;
import dev.mcpload.transport.http.StreamableHttpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** The mcpload client against mcpload's own reference server, over every transport it offers. */
@Timeout(60)
class ReferenceServerClientTest {
    /** The 2025-era client: these tests are about sessions (ids, expiry, re-initialize, connection reuse). */
    static ClientOptions legacy(String url) {
        return ClientOptions.http(url).withEra(ProtocolEra.LEGACY);
    }

    static <T> T get(Future<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static final class Recorder implements SessionListener {
        final List<IncomingMessage> notifications = new CopyOnWriteArrayList<>();
        final AtomicInteger reinits = new AtomicInteger();

        @Override
        public void onNotification(IncomingMessage n) {
            notifications.add(n);
        }

        @Override
        public void onSessionReinitialized() {
            reinits.incrementAndGet();
        }
    }

    private static ReferenceServer server(ResponseMode mode) {
        return ReferenceServer.start(ReferenceServerOptions.builder().responseMode(mode).pageSize(2).build());
    }

    /** The whole surface a VU uses, identical whatever the transport. */
    private static void exerciseSession(McpSession s, Recorder rec) throws Exception {
        InitializeResult init = get(s.initialize());
        assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.LATEST);
        assertThat(init.serverName()).isEqualTo("mcpload-reference");
        assertThat(init.has("tools")).isTrue();

        assertThat(get(s.request(McpRequests.ping())).kind()).isEqualTo(IncomingMessage.Kind.RESPONSE);

        List<String> tools = listAll(s, McpMethods.TOOLS_LIST, "tools", "name");
        assertThat(tools).contains("add", "subtract", "multiply", "divide", "echo", "sleep", "fail");
        assertThat(listAll(s, McpMethods.RESOURCES_LIST, "resources", "uri")).contains("mcpload://reference/readme");
        assertThat(listAll(s, McpMethods.PROMPTS_LIST, "prompts", "name")).contains("greeting");

        IncomingMessage echo = get(s.request(McpRequests.toolsCall("echo", Json.object().put("message", "hé"))));
        assertThat(echo.result().path("content").get(0).path("text").asString()).isEqualTo("Echo: hé");
        IncomingMessage add = get(s.request(McpRequests.toolsCall("add", Json.object().put("a", 40).put("b", 2))));
        assertThat(add.result().path("structuredContent").path("result").asDouble()).isEqualTo(42.0);

        IncomingMessage failed = get(s.request(McpRequests.toolsCall("fail", Json.object())));
        assertThat(failed.isToolError()).isTrue();
        IncomingMessage byZero = get(s.request(McpRequests.toolsCall("divide",
                Json.object().put("dividend", 1).put("divisor", 0))));
        assertThat(byZero.isToolError()).isTrue();

        assertThatThrownBy(() -> get(s.request(McpRequests.toolsCall("add", Json.object().put("a", "x")))))
                .hasCauseInstanceOf(McpException.class)
                .satisfies(t -> {
                    McpException e = McpException.classify(t.getCause());
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.JSONRPC);
                    assertThat(e.jsonRpcCode()).isEqualTo(-32602);
                });

        IncomingMessage readme = get(s.request(McpRequests.resourcesRead("mcpload://reference/readme")));
        assertThat(readme.result().path("contents").get(0).path("text").asString()).isNotEmpty();
        IncomingMessage prompt = get(s.request(McpRequests.promptsGet("greeting", Json.object().put("name", "Ada"))));
        assertThat(prompt.result().path("messages").get(0).path("content").path("text").asString())
                .contains("Ada");
        get(s.close());
    }

    static List<String> listAll(McpSession s, String method, String field, String key) throws Exception {
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode result = get(s.request(McpRequests.list(method, cursor))).result();
            result.path(field).forEach(n -> names.add(n.path(key).asString()));
            cursor = result.path("nextCursor").asString(null);
            pages++;
        } while (cursor != null && pages < 50);
        return names;
    }

    /** {@link #exerciseSession} on a client of {@code url} that uses {@code kind}, and that it stayed on it. */
    private static void exerciseOver(String url, TransportKind kind) throws Exception {
        try (McpClient client = new McpClient(legacy(url).withTransport(kind))) {
            Recorder rec = new Recorder();
            McpSession s = client.newSession(rec);
            exerciseSession(s, rec);
            assertThat(s.transport()).isEqualTo(kind);
        }
    }

    @ParameterizedTest
    @EnumSource(ResponseMode.class)
    void streamableHttpInBothResponseModes(ResponseMode mode) throws Exception {
        try (ReferenceServer server = server(mode)) {
            exerciseOver(server.mcpUrl(), TransportKind.STREAMABLE_HTTP);
        }
    }

    @Test
    void legacySseTransport() throws Exception {
        try (ReferenceServer server = server(ResponseMode.JSON)) {
            exerciseOver(server.sseUrl(), TransportKind.SSE);
        }
    }

    @Test
    void autoFallsBackToLegacySseWhenPostIsRefused() throws Exception {
        try (ReferenceServer server = server(ResponseMode.JSON);
             McpClient client = new McpClient(ClientOptions.http(server.sseUrl()))) {
            McpSession s = client.newSession(SessionListener.NONE);
            get(s.initialize());
            assertThat(s.transport()).isEqualTo(TransportKind.SSE);
            assertThat(client.resolvedTransport()).isEqualTo(TransportKind.SSE);
            assertThat(get(s.request(McpRequests.ping())).kind()).isEqualTo(IncomingMessage.Kind.RESPONSE);
            get(s.close());
            McpSession second = client.newSession(SessionListener.NONE);
            get(second.initialize());
            assertThat(second.transport()).isEqualTo(TransportKind.SSE);
            get(second.close());
        }
    }

    @Test
    void autoPicksStreamableHttpWhenItWorks() throws Exception {
        try (ReferenceServer server = server(ResponseMode.SSE);
             McpClient client = new McpClient(legacy(server.mcpUrl()))) {
            McpSession s = client.newSession(SessionListener.NONE);
            get(s.initialize());
            assertThat(s.transport()).isEqualTo(TransportKind.STREAMABLE_HTTP);
            get(s.close());
        }
    }

    @Test
    void stdioTransportAgainstTheReferenceServerProcess() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.mcpload.server.StdioServer");
        try (McpClient client = new McpClient(ClientOptions.stdio(cmd).withRequestTimeoutMs(20_000))) {
            Recorder rec = new Recorder();
            McpSession s = client.newSession(rec);
            get(s.initialize().thenApply(r -> r)); // JVM start-up can take a few seconds on a busy machine
            IncomingMessage echo = get(s.request(McpRequests.toolsCall("echo", Json.object().put("message", "x"))));
            assertThat(echo.result().path("content").get(0).path("text").asString()).isEqualTo("Echo: x");
            assertThat(listAll(s, McpMethods.TOOLS_LIST, "tools", "name")).contains("sleep");
            Process p = ((dev.mcpload.transport.stdio.StdioSession) s).process();
            get(s.close());
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.isAlive()).isFalse();
        }
    }

    @Test
    void stdioProcessThatDiesFailsPendingRequestsAsConnectionErrors() throws Exception {
        try (McpClient client = new McpClient(ClientOptions.stdio(List.of("sh", "-c",
                "read line; echo 'fatal: cannot start' >&2; exit 3")))) {
            McpSession s = client.newSession(SessionListener.NONE);
            assertThatThrownBy(() -> get(s.initialize()))
                    .satisfies(t -> {
                        McpException e = McpException.classify(t.getCause());
                        assertThat(e.errorClass()).isEqualTo(ErrorClass.CONNECTION);
                        assertThat(e.getMessage()).contains("exited (code 3)").contains("fatal: cannot start");
                    });
            get(s.close());
        }
    }

    @ParameterizedTest
    @EnumSource(ResponseMode.class)
    void expiredSessionIsReinitializedTransparentlyAndCounted(ResponseMode mode) throws Exception {
        try (ReferenceServer server = server(mode);
             McpClient client = new McpClient(legacy(server.mcpUrl()))) {
            Recorder rec = new Recorder();
            McpSession s = client.newSession(rec);
            get(s.initialize());
            String first = s.sessionId();
            assertThat(first).isNotBlank();
            assertThat(server.expireSession(first)).isTrue();
            IncomingMessage echo = get(s.request(McpRequests.toolsCall("echo", Json.object().put("message", "again"))));
            assertThat(echo.isToolError()).isFalse();
            assertThat(rec.reinits.get()).isEqualTo(1);
            assertThat(s.sessionId()).isNotEqualTo(first);
            get(s.close());
        }
    }

    @Test
    void timeoutIsClassifiedAndTheSessionCarriesOn() throws Exception {
        try (ReferenceServer server = server(ResponseMode.JSON);
             McpClient client = new McpClient(legacy(server.mcpUrl()))) {
            McpSession s = client.newSession(SessionListener.NONE);
            get(s.initialize());
            long start = System.nanoTime();
            assertThatThrownBy(() -> get(s.request(McpRequests.toolsCall("sleep", Json.object().put("ms", 3000)), 200)))
                    .satisfies(t -> {
                        McpException e = McpException.classify(t.getCause());
                        assertThat(e.errorClass()).isEqualTo(ErrorClass.TIMEOUT);
                        assertThat(e.getMessage()).contains("200 ms").contains(server.mcpUrl());
                    });
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2500);
            assertThat(get(s.request(McpRequests.ping())).kind()).isEqualTo(IncomingMessage.Kind.RESPONSE);
            get(s.close());
        }
    }

    @Test
    void eachRequestTimesOutAtItsOwnDeadlineWhateverElseIsPending() throws Exception {
        // One deadline timer per session: a later request with a shorter timeout must move it earlier, and a
        // request still in time when the timer fires for an earlier one must be checked again later.
        try (ReferenceServer server = server(ResponseMode.JSON);
             McpClient client = new McpClient(legacy(server.mcpUrl()))) {
            McpSession s = client.newSession(SessionListener.NONE);
            get(s.initialize());
            var slowWithTime = s.request(McpRequests.toolsCall("sleep", Json.object().put("ms", 1200)), 8000);
            long start = System.nanoTime();
            var shortOne = s.request(McpRequests.toolsCall("sleep", Json.object().put("ms", 5000)), 300);
            assertThat(McpException.classify(catchThrowable(() -> get(shortOne)).getCause()).errorClass())
                    .isEqualTo(ErrorClass.TIMEOUT);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1100);
            assertThat(get(slowWithTime).isToolError()).isFalse();

            var quick = s.request(McpRequests.ping(), 600);
            get(quick);
            Thread.sleep(300);
            long second = System.nanoTime();
            // The timer armed for the ping fires first, finds this one still in time, and re-arms for it.
            var late = s.request(McpRequests.toolsCall("sleep", Json.object().put("ms", 5000)), 600);
            assertThat(McpException.classify(catchThrowable(() -> get(late)).getCause()).errorClass())
                    .isEqualTo(ErrorClass.TIMEOUT);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - second)).isBetween(550L, 2500L);
            get(s.close());
        }
    }

    @Test
    void progressNotificationsOnTheReplyStreamAreCountedNotMistakenForTheResponse() throws Exception {
        try (ReferenceServer server = server(ResponseMode.SSE);
             McpClient client = new McpClient(legacy(server.mcpUrl()))) {
            Recorder rec = new Recorder();
            McpSession s = client.newSession(rec);
            get(s.initialize());
            IncomingMessage r = get(s.request(McpRequests.toolsCall("sleep", Json.object().put("ms", 50), "tok-1")));
            assertThat(r.kind()).isEqualTo(IncomingMessage.Kind.RESPONSE);
            assertThat(rec.notifications).isNotEmpty();
            assertThat(rec.notifications).allSatisfy(n -> {
                assertThat(n.method()).isEqualTo(McpMethods.PROGRESS);
                assertThat(n.params().path("progressToken").asString()).isEqualTo("tok-1");
            });
            get(s.close());
        }
    }

    @ParameterizedTest
    @EnumSource(ResponseMode.class)
    void oneSessionKeepsReusingItsConnection(ResponseMode mode) throws Exception {
        try (ReferenceServer server = server(mode);
             McpClient client = new McpClient(legacy(server.mcpUrl())
                     .withTransport(TransportKind.STREAMABLE_HTTP))) {
            StreamableHttpSession s = (StreamableHttpSession) client.newSession(SessionListener.NONE);
            get(s.initialize());
            for (int i = 0; i < 200; i++) {
                get(s.request(McpRequests.toolsCall("add", Json.object().put("a", i).put("b", 1))));
            }
            assertThat(s.connectionsOpened()).isLessThanOrEqualTo(2);
            get(s.close());
            // DELETE ended the session on the server
            long deadline = System.currentTimeMillis() + 5000;
            while (server.activeSessions() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.activeSessions()).isZero();
        }
    }

    @Test
    void aConnectionIdleLongerThanServersKeepItIsNotReused() throws Exception {
        // Without the standalone stream: its connection opens asynchronously and would blur the count of
        // request connections this test is about.
        try (ReferenceServer server = server(ResponseMode.JSON);
             McpClient client = new McpClient(legacy(server.mcpUrl())
                     .withTransport(TransportKind.STREAMABLE_HTTP).withStandaloneStream(false))) {
            StreamableHttpSession s = (StreamableHttpSession) client.newSession(SessionListener.NONE);
            get(s.initialize());
            get(s.request(McpRequests.ping()));
            int before = s.connectionsOpened();
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(
                    dev.mcpload.transport.http.ConnectionPoolAccess.maxIdleNanos()) + 200);
            get(s.request(McpRequests.ping()));
            assertThat(s.connectionsOpened()).isEqualTo(before + 1);
            get(s.request(McpRequests.ping()));
            assertThat(s.connectionsOpened()).isEqualTo(before + 1);
            get(s.close());
        }
    }

    @Test
    void refusedConnectionIsAConnectionErrorNamingTheUrl() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/mcp";
        try (McpClient client = new McpClient(legacy(url))) {
            McpSession s = client.newSession(SessionListener.NONE);
            assertThatThrownBy(() -> get(s.initialize())).isInstanceOf(ExecutionException.class)
                    .satisfies(t -> {
                        McpException e = McpException.classify(t.getCause());
                        assertThat(e.errorClass()).isEqualTo(ErrorClass.CONNECTION);
                        assertThat(e.getMessage()).contains(url);
                    });
            get(s.close());
        }
    }

    @Test
    void manySessionsConcurrently() throws Exception {
        try (ReferenceServer server = server(ResponseMode.JSON);
             McpClient client = new McpClient(legacy(server.mcpUrl()))) {
            List<McpSession> sessions = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sessions.add(client.newSession(SessionListener.NONE));
            }
            for (McpSession s : sessions) {
                get(s.initialize());
            }
            assertThat(server.activeSessions()).isEqualTo(200);
            assertThat(sessions.stream().map(McpSession::sessionId).distinct().count()).isEqualTo(200);
            List<Future<IncomingMessage>> calls = new ArrayList<>();
            for (McpSession s : sessions) {
                calls.add(s.request(McpRequests.toolsCall("echo", Json.object().put("message", s.sessionId()))));
            }
            for (int i = 0; i < sessions.size(); i++) {
                assertThat(get(calls.get(i)).result().path("content").get(0).path("text").asString())
                        .isEqualTo("Echo: " + sessions.get(i).sessionId());
            }
            for (McpSession s : sessions) {
                get(s.close());
            }
        }
    }
}
