package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.firstText;
import static dev.mcpload.interop.Interop.listAll;
import static dev.mcpload.interop.Interop.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.TransportKind;
import dev.mcpload.transport.stdio.StdioSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stdio transport against the official server-everything in stdio mode: the client spawns
 * {@code node <entry> stdio} itself (no socket, so no preload needed), talks newline-delimited JSON-RPC, and
 * ends the process on close.
 */
@Timeout(60)
class StdioServerEverythingTest {
    @Test
    void initializeListCallAndCloseEndsTheProcess() {
        Path node = Peers.requireServerEverything();
        ClientOptions options = ClientOptions.stdio(List.of(node.toString(), Peers.SERVER_EVERYTHING.toString(),
                "stdio"));
        try (McpClient client = new McpClient(options)) {
            RecordingListener listener = new RecordingListener();
            McpSession session = client.newSession(listener);
            assertThat(session).isInstanceOf(StdioSession.class);
            StdioSession stdio = (StdioSession) session;
            Process process;
            try {
                InitializeResult init = await(session.initialize());
                process = stdio.process();

                assertThat(init.transport()).isEqualTo(TransportKind.STDIO);
                assertThat(init.serverName()).isEqualTo(ServerEverythingFeatures.INSTANCE.serverName());
                assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.LATEST);
                assertThat(session.sessionId()).isNull();
                assertThat(process.isAlive()).isTrue();

                assertThat(names(listAll(session, McpMethods.TOOLS_LIST, "tools", null), "name"))
                        .contains("echo", "get-sum");
                assertThat(firstText(await(session.request(McpRequests.toolsCall("echo",
                        args("message", "over stdio")))))).isEqualTo("Echo: over stdio");
                assertThat(firstText(await(session.request(McpRequests.toolsCall("get-sum",
                        args("a", 2, "b", 3)))))).contains("5");
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nserver stderr: " + stdio.stderrTail(), e);
            } finally {
                await(session.close());
            }

            try {
                assertThat(process.isAlive()).as("server process %d after close", process.pid()).isFalse();
            } finally {
                Peers.stop(process); // in case the client left it running
            }
            // requests after close fail at once instead of hanging
            assertThat(Interop.failure(session.request(McpRequests.ping())).getMessage()).contains("closed");
        }
    }
}
