package dev.mcpload.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.ProtocolEra;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each wither changes what it names and keeps every other field; the result is checked like a new one. */
class ClientOptionsTest {
    private static final ClientOptions ALL = ClientOptions.http("http://127.0.0.1:1/mcp")
            .withTransport(TransportKind.STREAMABLE_HTTP).withHeaders(Map.of("X-A", "1"))
            .withProtocolVersion("2025-06-18").withRequestTimeoutMs(1234).withIoThreads(3)
            .withMaxMessageBytes(4096).withStandaloneStream(false)
            .withClientCapabilities(Set.of(ClientCapability.ROOTS));

    @Test
    void everyWitherKeepsTheOtherFields() {
        assertThat(ALL.url().toString()).isEqualTo("http://127.0.0.1:1/mcp");
        assertThat(ALL.transport()).isEqualTo(TransportKind.STREAMABLE_HTTP);
        assertThat(ALL.headers()).containsExactly(Map.entry("X-A", "1"));
        assertThat(ALL.era()).isEqualTo(ProtocolEra.LEGACY); // the version pinned its era
        assertThat(ALL.protocolVersion()).isEqualTo("2025-06-18");
        assertThat(ALL.connectTimeoutMs()).isEqualTo(5_000);
        assertThat(ALL.requestTimeoutMs()).isEqualTo(1234);
        assertThat(ALL.ioThreads()).isEqualTo(3);
        assertThat(ALL.maxMessageBytes()).isEqualTo(4096);
        assertThat(ALL.standaloneStream()).isFalse();
        assertThat(ALL.clientCapabilities()).containsExactly(ClientCapability.ROOTS);
        assertThat(ALL.withInputAnswers(InputAnswers.NONE)).isEqualTo(ALL);
        assertThat(ALL.withIoThreads(5)).isEqualTo(new ClientOptions(ALL.url(), ALL.command(), ALL.headers(),
                ALL.transport(), ALL.era(), ALL.protocolVersion(), ALL.connectTimeoutMs(), ALL.requestTimeoutMs(), 5,
                ALL.maxMessageBytes(), ALL.standaloneStream(), ALL.clientCapabilities(), ALL.inputAnswers()));
    }

    @Test
    void pinningAnotherEraDropsAVersionOfTheOldOne() {
        ClientOptions modern = ALL.withEra(ProtocolEra.MODERN);
        assertThat(modern.era()).isEqualTo(ProtocolEra.MODERN);
        assertThat(modern.protocolVersion()).isEqualTo("2026-07-28");
        assertThat(ALL.withEra(ProtocolEra.AUTO).protocolVersion()).isEqualTo("2025-06-18");
    }

    @Test
    void aWitherResultIsCheckedLikeANewOne() {
        assertThatThrownBy(() -> ALL.withMaxMessageBytes(0)).hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> ALL.withTransport(TransportKind.STDIO)).hasMessageContaining("needs a command");
    }
}
