package dev.mcpload.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connect deadline is mcpload's own timer (Netty's would stay referenced from every open channel): a
 * connect that never completes still fails at the deadline, as a connection error that says so.
 */
@Timeout(30)
class ConnectTimeoutTest {
    @Test
    void aConnectThatNeverCompletesFailsAtTheDeadline() throws Exception {
        // A listener that never accepts, with its accept queue full: Linux drops further SYNs, so a connect to it
        // hangs (loopback only, nothing leaves the machine).
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
                        fillers.add(s);
                    } catch (IOException queueFull) {
                        s.close();
                        break;
                    }
                }
                URI url = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/mcp");
                ClientOptions options = new ClientOptions(url, List.of(), Map.of(), TransportKind.STREAMABLE_HTTP,
                        dev.mcpload.protocol.ProtocolEra.LEGACY, null,
                        300, 10_000, 1, ClientOptions.DEFAULT_MAX_MESSAGE_BYTES, false, Set.of(), null);
                try (McpClient client = new McpClient(options)) {
                    McpSession session = client.newSession(new SessionListener() {
                    });
                    long t0 = System.nanoTime();
                    Throwable failure = catchThrowable(() -> session.initialize().get(10, TimeUnit.SECONDS));
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    McpException e = McpException.classify(failure.getCause() == null ? failure : failure.getCause());
                    assertThat(e.errorClass()).isEqualTo(ErrorClass.CONNECTION);
                    assertThat(e.getMessage()).contains("timed out after 300 ms");
                    assertThat(ms).as("failed at the deadline, not at the request timeout").isBetween(250L, 5_000L);
                }
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
