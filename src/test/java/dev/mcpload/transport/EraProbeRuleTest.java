package dev.mcpload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's rule for the first modern request's failure: which answers mean "legacy server, fall back". */
class EraProbeRuleTest {
    @Test
    void aRefusedPostWithoutModernBodyMeansLegacy() {
        for (int status : new int[] {400, 404, 405}) {
            assertThat(EraProbeSession.pointsToLegacy(McpException.http(status, "refused"))).as("" + status).isTrue();
        }
        assertThat(EraProbeSession.pointsToLegacy(McpException.http(500, "boom"))).isFalse();
        assertThat(EraProbeSession.pointsToLegacy(McpException.http(401, "auth"))).isFalse();
    }

    @Test
    void theOlderRevisionsJsonRpcErrorsMeanLegacy() {
        // server-everything: 400 "Bad Request: Server not initialized", -32000; a stateless legacy server: 200 -32601
        assertThat(EraProbeSession.pointsToLegacy(McpException.jsonRpc(-32000, "not initialized", 400, List.of())))
                .isTrue();
        assertThat(EraProbeSession.pointsToLegacy(McpException.jsonRpc(-32601, "method not found", 0, List.of())))
                .isTrue();
    }

    @Test
    void theModernErrorsKeepTheModernEra() {
        assertThat(EraProbeSession.pointsToLegacy(McpException.jsonRpc(-32020, "header", 400, List.of()))).isFalse();
        assertThat(EraProbeSession.pointsToLegacy(McpException.jsonRpc(-32021, "capability", 400, List.of())))
                .isFalse();
        assertThat(EraProbeSession.pointsToLegacy(McpException.jsonRpc(-32601, "no such method", 404, List.of())))
                .isFalse();
        assertThat(EraProbeSession.pointsToLegacy(McpException.jsonRpc(-32022, "unsupported", 400,
                List.of("2027-01-01")))).isFalse();
    }

    @Test
    void anUnsupportedVersionNamingOnlyLegacyVersionsFallsBackToInitialize() {
        assertThat(EraProbeSession.pointsToLegacy(McpException.jsonRpc(-32022, "unsupported", 400,
                List.of("2025-11-25", "2025-06-18")))).isTrue();
    }

    @Test
    void connectionFailuresAndTimeoutsAreNotAnEra() {
        assertThat(EraProbeSession.pointsToLegacy(new McpException(ErrorClass.CONNECTION, "refused"))).isFalse();
        assertThat(EraProbeSession.pointsToLegacy(new McpException(ErrorClass.TIMEOUT, "slow"))).isFalse();
    }
}
