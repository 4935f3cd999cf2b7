package dev.mcpload.interop;

import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.TransportKind;

/** mcpload's Streamable HTTP client against the official Java SDK server (2.1.0, servlet transport, Jetty). */
class JavaSdkStreamableTest extends StreamableServerContract {
    private JavaSdkServer server;

    @Override
    protected void startServer() throws Exception {
        server = JavaSdkServer.start(JavaSdkServer.Mode.STREAMABLE_HTTP);
    }

    @Override
    protected void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ClientOptions clientOptions() {
        return ClientOptions.http(server.url()).withTransport(TransportKind.STREAMABLE_HTTP);
    }

    @Override
    protected ServerFeatures features() {
        return new JavaSdkFeatures(ProtocolVersions.LATEST);
    }

    @Override
    protected String mcpUrl() {
        return server.url();
    }

    @Override
    protected int statusForForgottenSession() {
        return 404; // as the spec says
    }
}
