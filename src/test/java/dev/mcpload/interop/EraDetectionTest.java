package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.server.ServerEra;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dual-era client against a server of each era (spec 2026-07-28, versioning: the compatibility matrix): a
 * modern request first; a modern server (or a dual-era one) keeps it modern, a legacy one (no modern error body)
 * gets {@code initialize}, and a legacy SSE one the GET stream after that. The first session settles the era for
 * the client: the next session is of the settled kind from the start.
 */
@Timeout(120)
class EraDetectionTest {

    @Test
    void aDualEraServerIsSpokenToInTheModernEra() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            expect(ClientOptions.http(server.mcpUrl()), ProtocolEra.MODERN, "2026-07-28", TransportKind.STREAMABLE_HTTP);
        }
    }

    @Test
    void aModernOnlyServerIsSpokenToInTheModernEra() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().era(ServerEra.MODERN)
                .build())) {
            expect(ClientOptions.http(server.mcpUrl()), ProtocolEra.MODERN, "2026-07-28", TransportKind.STREAMABLE_HTTP);
        }
    }

    @Test
    void aLegacyOnlyServerGetsInitializeAfterTheModernRequest() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().era(ServerEra.LEGACY)
                .build())) {
            expect(ClientOptions.http(server.mcpUrl()), ProtocolEra.LEGACY, "2025-11-25", TransportKind.STREAMABLE_HTTP);
        }
    }

    @Test
    void pinningTheLegacyEraSkipsTheModernRequest() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            expect(ClientOptions.http(server.mcpUrl()).withEra(ProtocolEra.LEGACY), ProtocolEra.LEGACY, "2025-11-25",
                    TransportKind.STREAMABLE_HTTP);
        }
    }

    @Test
    void theOfficialSdkV2ServerModernOnlyAndDualIsModern() throws Exception {
        for (String legacy : new String[] {"reject", "stateless"}) {
            try (Sdk2Server server = Sdk2Server.start(legacy, "json")) {
                expect(ClientOptions.http(server.url()), ProtocolEra.MODERN, "2026-07-28",
                        TransportKind.STREAMABLE_HTTP);
            }
        }
    }

    @Test
    void serverEverythingIsLegacyOverStreamableHttpAndOverSse() throws Exception {
        try (ServerEverything server = ServerEverything.start(ServerEverything.Mode.STREAMABLE_HTTP)) {
            expect(ClientOptions.http(server.url()), ProtocolEra.LEGACY, "2025-11-25", TransportKind.STREAMABLE_HTTP);
        }
        try (ServerEverything server = ServerEverything.start(ServerEverything.Mode.SSE)) {
            expect(ClientOptions.http(server.url()), ProtocolEra.LEGACY, null, TransportKind.SSE);
        }
    }

    @Test
    void theJavaSdkServerIsLegacyOverStreamableHttpAndOverSse() throws Exception {
        try (JavaSdkServer server = JavaSdkServer.start(JavaSdkServer.Mode.STREAMABLE_HTTP)) {
            expect(ClientOptions.http(server.url()), ProtocolEra.LEGACY, null, TransportKind.STREAMABLE_HTTP);
        }
        try (JavaSdkServer server = JavaSdkServer.start(JavaSdkServer.Mode.SSE)) {
            expect(ClientOptions.http(server.url()), ProtocolEra.LEGACY, null, TransportKind.SSE);
        }
    }

    @Test
    void anUnreachableServerIsAConnectionFailureAndSettlesNothing() throws Exception {
        String url = "http://127.0.0.1:" + Peers.freePort() + "/mcp";
        try (McpClient client = new McpClient(ClientOptions.http(url))) {
            McpSession session = client.newSession(SessionListener.NONE);
            assertThatThrownBy(() -> session.initialize().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(McpException.classify(e.getCause()).errorClass())
                            .isEqualTo(ErrorClass.CONNECTION));
            assertThat(client.era()).isEqualTo(ProtocolEra.AUTO);
        }
    }

    /** One session settles the era; a second one is of that era from the start and works. */
    private static void expect(ClientOptions options, ProtocolEra era, String version, TransportKind transport)
            throws Exception {
        try (McpClient client = new McpClient(options)) {
            McpSession first = client.newSession(SessionListener.NONE);
            InitializeResult result = first.initialize().get(30, TimeUnit.SECONDS);
            assertThat(client.era()).isEqualTo(era);
            assertThat(ProtocolEra.of(result.protocolVersion())).isEqualTo(era);
            if (version != null) {
                assertThat(result.protocolVersion()).isEqualTo(version);
            }
            assertThat(first.transport()).isEqualTo(transport);
            assertThat(first.request(McpRequests.list(McpMethods.TOOLS_LIST, null)).get(20, TimeUnit.SECONDS)
                    .result().path("tools").isArray()).isTrue();
            McpSession second = client.newSession(SessionListener.NONE);
            assertThat(second.getClass().getSimpleName()).isEqualTo(era == ProtocolEra.MODERN ? "ModernHttpSession"
                    : transport == TransportKind.SSE ? "LegacySseSession" : "StreamableHttpSession");
            assertThat(second.initialize().get(30, TimeUnit.SECONDS).protocolVersion())
                    .isEqualTo(result.protocolVersion());
            second.close().get(10, TimeUnit.SECONDS);
            first.close().get(10, TimeUnit.SECONDS);
        }
    }
}
