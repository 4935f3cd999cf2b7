package dev.mcpload.interop;

import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.TransportKind;

/** mcpload's Streamable HTTP client against the official TypeScript reference server, {@code /mcp}. */
class ServerEverythingStreamableTest extends StreamableServerContract {
    private ServerEverything server;

    @Override
    protected void startServer() {
        server = ServerEverything.start(ServerEverything.Mode.STREAMABLE_HTTP);
    }

    @Override
    protected void stopServer() {
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
        return ServerEverythingFeatures.INSTANCE;
    }

    @Override
    protected String mcpUrl() {
        return server.url();
    }

    @Override
    protected int statusForForgottenSession() {
        return 400; // the TypeScript SDK: 400 "Bad Request: No valid session ID provided", not 404
    }
}
