package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ProtocolVersions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection-level behaviour: loopback-only binding, keep-alive, and response order under pipelining. */
@Timeout(30)
class ConnectionTest {
    private static ReferenceServer server;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bindsLoopbackOnly() throws IOException {
        assertThat(server.mcpUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/mcp");
        assertThat(server.sseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/sse");
        // Where this machine has another IPv4 address, the port must not answer on it.
        List<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
        for (InetAddress address : external) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, server.port()), 1_000);
                throw new AssertionError("the server answered on " + address);
            } catch (ConnectException | SocketTimeoutException expected) {
                // refused (or filtered): not listening there
            } catch (SocketException unreachable) {
                // interface down or unroutable: equally not listening there
            }
        }
    }

    @Test
    void manyRequestsOnOneKeepAliveConnection() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(RawHttp.post("/mcp", connection.host(), null,
                    TestHttp.initializeBody(ProtocolVersions.LATEST)));
            RawHttp.Response initialized = connection.read();
            String sessionId = initialized.header("mcp-session-id");
            assertThat(sessionId).isNotNull();
            for (int i = 1; i <= 50; i++) {
                connection.write(RawHttp.post("/mcp", connection.host(), sessionId, TestHttp.request(i,
                        "tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"m" + i + "\"}}")));
                RawHttp.Response response = connection.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).contains("\"id\":" + i + ",").contains("Echo: m" + i);
            }
        }
    }

    @Test
    void pipelinedResponsesKeepRequestOrder() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write(RawHttp.post("/mcp", connection.host(), null,
                    TestHttp.initializeBody(ProtocolVersions.LATEST)));
            String sessionId = connection.read().header("mcp-session-id");
            // A slow request, then a fast one, in one write: the fast answer must not overtake the slow one.
            connection.write(RawHttp.post("/mcp", connection.host(), sessionId,
                    TestHttp.request(1, "tools/call", "{\"name\":\"sleep\",\"arguments\":{\"ms\":200}}"))
                    + RawHttp.post("/mcp", connection.host(), sessionId, TestHttp.request(2, "ping", "{}")));
            assertThat(connection.read().body()).contains("\"id\":1,").contains("Slept 200 ms");
            assertThat(connection.read().body()).contains("\"id\":2,");
        }
    }

    @Test
    void unknownPathIs404() throws IOException {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.write("GET /nope HTTP/1.1\r\nHost: " + connection.host() + "\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(404);
        }
    }
}
