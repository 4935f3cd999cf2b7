package dev.mcpload.interop;

import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.TransportKind;

/**
 * TransportKind.AUTO against server-everything's legacy {@code /sse}: the POST probe is refused (404), so the
 * client falls back to the legacy transport, and later sessions of the client go there directly.
 */
class ServerEverythingAutoSseTest extends ServerEverythingSseTest {
    @Override
    protected ClientOptions clientOptions() {
        return super.clientOptions().withTransport(TransportKind.AUTO);
    }
}
