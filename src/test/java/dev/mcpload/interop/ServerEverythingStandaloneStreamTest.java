package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.transport.ClientCapability;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.TransportKind;
import dev.mcpload.transport.http.StandaloneStreamState;
import dev.mcpload.transport.http.StreamableHttpSession;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The standalone stream against the official TypeScript server (server-everything, Streamable HTTP): it accepts
 * the GET, and what it sends outside any request travels on it — a client declaring roots is asked for them
 * 350 ms after initialized, answered with none, and the server logs what it got, all on the standalone stream.
 */
@Timeout(90)
class ServerEverythingStandaloneStreamTest {
    private static ServerEverything server;

    @BeforeAll
    static void start() {
        server = ServerEverything.start(ServerEverything.Mode.STREAMABLE_HTTP);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theStreamOpensAndCarriesTheServersRootsRequestAndItsLog() throws Exception {
        try (McpClient client = new McpClient(ClientOptions.http(server.url())
                .withTransport(TransportKind.STREAMABLE_HTTP).withEra(ProtocolEra.LEGACY).withIoThreads(1)
                .withClientCapabilities(EnumSet.of(ClientCapability.ROOTS)))) {
            RecordingListener listener = new RecordingListener();
            StreamableHttpSession s = (StreamableHttpSession) client.newSession(listener);
            await(s.initialize());
            StandaloneStreamTest.waitFor(() -> s.standaloneStream() == StandaloneStreamState.OPEN,
                    "stream open, was " + s.standaloneStream());
            StandaloneStreamTest.waitFor(() -> listener.serverRequests.contains("roots/list"),
                    "roots/list from the server, saw " + listener.serverRequests);
            StandaloneStreamTest.waitFor(() -> listener.notifications("notifications/message").stream()
                    .anyMatch(n -> n.params().path("data").asString("").contains("0 root(s) received")),
                    "the server's log of the roots it got, saw " + texts(listener));
            // requests are unaffected by the stream beside them
            IncomingMessage echo = await(s.request(McpRequests.toolsCall("echo", args("message", "x"))));
            assertThat(Interop.firstText(echo)).isEqualTo("Echo: x");
            assertThat(s.standaloneStreamOpens()).isEqualTo(1);
            await(s.close());
            assertThat(s.standaloneStream()).isEqualTo(StandaloneStreamState.ENDED);
        }
    }

    @Test
    void withoutDeclaredRootsTheStreamStillOpensAndNoRequestComes() throws Exception {
        try (McpClient client = new McpClient(ClientOptions.http(server.url())
                .withTransport(TransportKind.STREAMABLE_HTTP).withEra(ProtocolEra.LEGACY).withIoThreads(1))) {
            RecordingListener listener = new RecordingListener();
            StreamableHttpSession s = (StreamableHttpSession) client.newSession(listener);
            await(s.initialize());
            StandaloneStreamTest.waitFor(() -> s.standaloneStream() == StandaloneStreamState.OPEN,
                    "stream open, was " + s.standaloneStream());
            Thread.sleep(700); // past the server's 350 ms roots delay
            assertThat(listener.serverRequests).doesNotContain("roots/list");
            await(s.close());
        }
    }

    private static java.util.List<String> texts(RecordingListener listener) {
        return listener.notifications.stream().map(n -> n.method() + " " + n.params()).toList();
    }
}
