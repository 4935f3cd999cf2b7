package dev.mcpload.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What some fault modes put on the wire, seen from a raw socket: the client suite (FaultModesTest) only sees
 * that mcpload copes, which it would also do if the fault did nothing.
 */
@Timeout(20)
class FaultsOnTheWireTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String ECHO = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}";

    private static ReferenceServer serve(String... faults) {
        return ReferenceServer.start(ReferenceServerOptions.builder().ioThreads(1).faults(faults).build());
    }

    private static String initialize(RawHttp http) throws Exception {
        http.write(RawHttp.post("/mcp", http.host(), null, INITIALIZE));
        RawHttp.Response init = http.read();
        assertThat(init.status()).as("initialize is not faulted by request faults").isEqualTo(200);
        return init.header("mcp-session-id");
    }

    @Test
    void continue100SendsAnInterimResponseThenTheAnswer() throws Exception {
        try (ReferenceServer server = serve("continue-100"); RawHttp http = new RawHttp(server.port())) {
            String session = initialize(http);
            http.write(RawHttp.post("/mcp", http.host(), session, ECHO));
            assertThat(http.readHead().status()).isEqualTo(100);
            RawHttp.Response answer = http.read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("\"id\":2").contains("hi");
        }
    }

    @Test
    void http429CarriesRetryAfterAndTheConnectionServesOn() throws Exception {
        try (ReferenceServer server = serve("http429:7"); RawHttp http = new RawHttp(server.port())) {
            String session = initialize(http);
            for (int i = 0; i < 3; i++) {
                http.write(RawHttp.post("/mcp", http.host(), session, ECHO));
                RawHttp.Response r = http.read();
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.header("retry-after")).isEqualTo("7");
            }
        }
    }

    @Test
    void aRestartForgetsSessionsAndListensAgainOnTheSamePort() throws Exception {
        try (ReferenceServer server = serve("restart:300ms")) {
            String session;
            try (RawHttp http = new RawHttp(server.port())) {
                session = initialize(http);
                http.write(RawHttp.post("/mcp", http.host(), session, ECHO));
                // the request that restarts the server is cut off with its connection
                assertThatThrownBy(http::readLine).isInstanceOf(java.io.IOException.class);
            }
            // While it goes down and comes back, a connection may be refused, or accepted by the kernel and then
            // reset by the closing server: try again until it answers (bounded).
            long deadline = System.currentTimeMillis() + 5_000;
            Integer status = null;
            while (status == null && System.currentTimeMillis() < deadline) {
                try (RawHttp http = new RawHttp(server.port())) {
                    http.write(RawHttp.post("/mcp", http.host(), session, ECHO));
                    status = http.read().status();
                } catch (java.io.IOException downOrGoingDown) {
                    Thread.sleep(50);
                }
            }
            assertThat(status).as("listening again on port %d; the old session is gone", server.port())
                    .isEqualTo(404);
        }
    }
}
