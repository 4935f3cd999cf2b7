package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.firstText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.McpRequests;
import dev.mcpload.transport.TransportKind;
import org.junit.jupiter.api.Test;

/** mcpload's legacy HTTP+SSE client against server-everything in {@code sse} mode, {@code /sse}. */
class ServerEverythingSseTest extends McpServerContract<ServerEverything> {
    @Override
    protected ServerEverything startServer() {
        return ServerEverything.start(ServerEverything.Mode.SSE);
    }

    @Override
    protected TransportKind expectedTransport() {
        return TransportKind.SSE;
    }

    @Override
    protected ServerFeatures features() {
        return ServerEverythingFeatures.INSTANCE;
    }

    /** In the legacy transport the event stream is the session: when it drops, the next request starts over. */
    @Test
    void aDroppedEventStreamIsReopenedAndTheSessionInitializedAgain() throws Exception {
        initialize();
        assertThat(firstText(await(session.request(McpRequests.toolsCall("echo", args("message", "before"))))))
                .isEqualTo("Echo: before");
        String before = session.sessionId();
        assertThat(before).isNotBlank();

        server.restart(); // same port; every stream and session is gone

        assertThat(firstText(await(session.request(McpRequests.toolsCall("echo", args("message", "after"))))))
                .isEqualTo("Echo: after");
        assertThat(listener.reinitializations.get()).isEqualTo(1);
        assertThat(session.sessionId()).isNotBlank().isNotEqualTo(before);
    }
}
