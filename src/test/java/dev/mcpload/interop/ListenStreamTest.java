package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.http.ModernHttpSession;
import dev.mcpload.transport.http.StandaloneStreamState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * subscriptions/listen (2026-07-28), the modern era's standalone stream: each session holds one for its life
 * (standalone_stream, on by default), acknowledged before any news, carrying the list changes it asked for and
 * counted as notifications; off, none is opened; closing the session closes it on the server. Against the
 * reference server, which serves it, and the official SDK v2 server.
 */
@Timeout(60)
class ListenStreamTest {
    @TempDir
    Path dir;

    private static ClientOptions modern(String url) {
        return ClientOptions.http(url).withEra(ProtocolEra.MODERN).withIoThreads(1);
    }

    @Test
    void aSessionHoldsItsListenStreamAndGetsTheListChangesItAskedFor() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults());
             McpClient client = new McpClient(modern(server.mcpUrl()))) {
            ModernHttpSession s = (ModernHttpSession) client.newSession(new SessionListener() {
                @Override
                public void onNotification(IncomingMessage n) {
                    seen.add(n.method());
                }
            });
            s.initialize().get(10, TimeUnit.SECONDS);
            waitFor(() -> s.listenStream() == StandaloneStreamState.OPEN && server.openListenStreams() == 1);
            assertThat(server.sendOnListenStreams("notifications/tools/list_changed", null)).isEqualTo(1);
            assertThat(server.sendOnListenStreams("notifications/resources/updated",
                    Json.object().put("uri", "mcpload://reference/readme"))).as("not subscribed").isZero();
            waitFor(() -> seen.contains("notifications/tools/list_changed"));
            // requests go on beside the stream, on a connection of their own
            assertThat(s.request(dev.mcpload.protocol.McpRequests.toolsCall("echo",
                    Json.object().put("message", "hi"))).get(10, TimeUnit.SECONDS).isToolError()).isFalse();
            assertThat(seen).as("the acknowledgement is protocol, not news").containsExactly(
                    "notifications/tools/list_changed");
            s.close().get(5, TimeUnit.SECONDS);
            waitFor(() -> server.openListenStreams() == 0);
            assertThat(s.listenStream()).isEqualTo(StandaloneStreamState.ENDED);
        }
    }

    @Test
    void withTheStreamOffNoneIsOpened() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults());
             McpClient client = new McpClient(modern(server.mcpUrl()).withStandaloneStream(false))) {
            ModernHttpSession s = (ModernHttpSession) client.newSession(SessionListener.NONE);
            s.initialize().get(10, TimeUnit.SECONDS);
            assertThat(s.listenStream()).isEqualTo(StandaloneStreamState.DISABLED);
            assertThat(server.listenStreamsOpened()).isZero();
        }
    }

    @Test
    void theSdkServerAcknowledgesTheStream() throws Exception {
        try (Sdk2Server server = Sdk2Server.start("reject", "json");
             McpClient client = new McpClient(modern(server.url()))) {
            ModernHttpSession s = (ModernHttpSession) client.newSession(SessionListener.NONE);
            s.initialize().get(20, TimeUnit.SECONDS);
            waitFor(() -> s.listenStream() != StandaloneStreamState.OPENING);
            assertThat(s.listenStream()).isEqualTo(StandaloneStreamState.OPEN);
        }
    }

    @Test
    void aRunHoldsOneStreamPerVuAndCountsTheirNotifications() throws Exception {
        Path config = Files.writeString(dir.resolve("listen.toml"), "[[scenario]]\ntype = \"ping\"\n");
        Path reports = dir.resolve("reports");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            CompletableFuture<CliRun.Output> run = CompletableFuture.supplyAsync(() -> CliRun.run("run",
                    server.mcpUrl(), "--config", config.toString(), "--vus", "3", "--duration", "3",
                    "--protocol-era", "modern", "--report-dir", reports.toString(), "--progress", "none"));
            waitFor(() -> server.openListenStreams() == 3);
            assertThat(server.sendOnListenStreams("notifications/prompts/list_changed", null)).isEqualTo(3);
            CliRun.Output out = run.get(30, TimeUnit.SECONDS);
            assertThat(out.code()).as(out.out()).isZero();
            // the preflight session may have opened one too before it closed
            assertThat(server.listenStreamsOpened()).isBetween(3, 4);
            waitFor(() -> server.openListenStreams() == 0);
        }
        assertThat(CliRun.onlyReport(reports).path("metrics").path("notifications").asLong()).isEqualTo(3);
    }

    /** A listen stream the server fails (500, not "I have none") is a failure the summary and report show. */
    @Test
    void streamsThatCannotOpenAreCountedAndSaidOnce() throws Exception {
        Path config = Files.writeString(dir.resolve("failing.toml"), "[[scenario]]\ntype = \"tools/list\"\n");
        Path reports = dir.resolve("failing-reports");
        try (ScriptedServer server = new ScriptedServer()) {
            server.on("server/discover", (request, exchange) -> ScriptedServer.json(exchange, 200,
                    ScriptedServer.response(request.id(), "{\"supportedVersions\":[\"2026-07-28\"],"
                            + "\"capabilities\":{\"tools\":{}},\"resultType\":\"complete\"}")));
            server.on("tools/list", (request, exchange) -> ScriptedServer.json(exchange, 200,
                    ScriptedServer.response(request.id(), "{\"tools\":[],\"resultType\":\"complete\"}")));
            server.on("subscriptions/listen", (request, exchange) -> ScriptedServer.json(exchange, 500,
                    "{\"error\":\"listen broke\"}"));
            CliRun.Output out = CliRun.run("run", server.url(), "--config", config.toString(), "--vus", "2",
                    "--duration", "1", "--protocol-era", "modern", "--report-dir", reports.toString(),
                    "--progress", "none", "--no-color");
            assertThat(out.code()).as(out.out()).isZero();
            assertThat(out.out()).contains("2 event streams could not open").contains("subscriptions/listen")
                    .contains("500");
        }
        var sessions = CliRun.onlyReport(reports).path("metrics").path("sessions");
        assertThat(sessions.path("streams_failed").asLong()).isEqualTo(2);
        assertThat(sessions.path("stream_failure").asString()).contains("500");
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
