package dev.mcpload.interop;

import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.TransportKind;

/** TransportKind.AUTO against server-everything's {@code /mcp}: the POST probe succeeds, Streamable HTTP it is. */
class ServerEverythingAutoStreamableTest extends ServerEverythingStreamableTest {
    @Override
    protected ClientOptions clientOptions() {
        return super.clientOptions().withTransport(TransportKind.AUTO);
    }
}
