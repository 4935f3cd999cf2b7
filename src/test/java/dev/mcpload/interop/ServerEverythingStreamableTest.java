package dev.mcpload.interop;

/** mcpload's Streamable HTTP client against the official TypeScript reference server, {@code /mcp}. */
class ServerEverythingStreamableTest extends StreamableServerContract<ServerEverything> {
    @Override
    protected ServerEverything startServer() {
        return ServerEverything.start(ServerEverything.Mode.STREAMABLE_HTTP);
    }

    @Override
    protected ServerFeatures features() {
        return ServerEverythingFeatures.INSTANCE;
    }

    @Override
    protected int statusForForgottenSession() {
        return 400; // the TypeScript SDK: 400 "Bad Request: No valid session ID provided", not 404
    }
}
