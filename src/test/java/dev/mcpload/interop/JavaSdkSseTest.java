package dev.mcpload.interop;

import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.TransportKind;

/** mcpload's legacy HTTP+SSE client against the Java SDK's legacy servlet transport. */
class JavaSdkSseTest extends McpServerContract {
    private JavaSdkServer server;

    @Override
    protected void startServer() throws Exception {
        server = JavaSdkServer.start(JavaSdkServer.Mode.SSE);
    }

    @Override
    protected void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ClientOptions clientOptions() {
        return ClientOptions.http(server.url()).withTransport(TransportKind.SSE);
    }

    @Override
    protected TransportKind expectedTransport() {
        return TransportKind.SSE;
    }

    @Override
    protected ServerFeatures features() {
        // The SDK's legacy transport speaks only 2024-11-05 and answers with it; the client must accept that.
        return new JavaSdkFeatures(ProtocolVersions.V2024_11_05);
    }
}
