package dev.mcpload.interop;

import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.TransportKind;

/** mcpload's legacy HTTP+SSE client against the Java SDK's legacy servlet transport. */
class JavaSdkSseTest extends McpServerContract<JavaSdkServer> {
    @Override
    protected JavaSdkServer startServer() throws Exception {
        return JavaSdkServer.start(JavaSdkServer.Mode.SSE);
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
