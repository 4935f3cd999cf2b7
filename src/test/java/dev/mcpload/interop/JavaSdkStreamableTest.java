package dev.mcpload.interop;

import dev.mcpload.protocol.ProtocolVersions;

/** mcpload's Streamable HTTP client against the official Java SDK server (2.1.0, servlet transport, Jetty). */
class JavaSdkStreamableTest extends StreamableServerContract<JavaSdkServer> {
    @Override
    protected JavaSdkServer startServer() throws Exception {
        return JavaSdkServer.start(JavaSdkServer.Mode.STREAMABLE_HTTP);
    }

    @Override
    protected ServerFeatures features() {
        return new JavaSdkFeatures(ProtocolVersions.LATEST);
    }

    @Override
    protected int statusForForgottenSession() {
        return 404; // as the spec says
    }
}
