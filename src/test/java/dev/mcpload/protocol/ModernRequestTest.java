package dev.mcpload.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The modern era's form of a request: {@code _meta} in params, the mirrored headers, encoded once. */
class ModernRequestTest {
    private final ModernEnvelope envelope = new ModernEnvelope(ProtocolVersions.V2026_07_28, List.of("elicitation"));

    private static JsonNode body(RequestEncoder e, long id) {
        return Json.MAPPER.readTree(new String(e.toBytes(id), StandardCharsets.UTF_8));
    }

    private static String header(RequestEncoder e, String name) {
        return e.headers().stream().filter(h -> h.name().toString().equalsIgnoreCase(name))
                .map(h -> h.value().toString()).findFirst().orElse(null);
    }

    @Test
    void aToolCallCarriesTheEnvelopeAndItsMethodAndName() {
        RequestTemplate legacy = McpRequests.toolsCall("add", Json.object().put("a", 1), "tok-1");
        ModernRequest modern = legacy.modern(envelope);
        JsonNode b = body(modern, 7);
        assertThat(b.path("id").asLong()).isEqualTo(7);
        assertThat(b.path("params").path("name").asString()).isEqualTo("add");
        JsonNode meta = b.path("params").path("_meta");
        assertThat(meta.path("progressToken").asString()).isEqualTo("tok-1"); // the request's own _meta stays
        assertThat(meta.path(ModernEnvelope.PROTOCOL_VERSION_KEY).asString()).isEqualTo("2026-07-28");
        assertThat(meta.path(ModernEnvelope.CLIENT_INFO_KEY).path("name").asString()).isEqualTo("mcpload");
        assertThat(meta.path(ModernEnvelope.CLIENT_CAPABILITIES_KEY).has("elicitation")).isTrue();
        assertThat(header(modern, "Mcp-Method")).isEqualTo("tools/call");
        assertThat(header(modern, "Mcp-Name")).isEqualTo("add");
        // the legacy template is untouched: the 2025 era keeps sending it as it was
        assertThat(body(legacy, 7).path("params").path("_meta").has(ModernEnvelope.PROTOCOL_VERSION_KEY)).isFalse();
    }

    @Test
    void madeOncePerTemplateAndEnvelope() {
        RequestTemplate t = McpRequests.resourcesRead("doc://a");
        assertThat(t.modern(envelope)).isSameAs(t.modern(envelope));
        assertThat(header(t.modern(envelope), "Mcp-Name")).isEqualTo("doc://a");
        ModernEnvelope other = new ModernEnvelope(ProtocolVersions.V2026_07_28, List.of());
        assertThat(t.modern(other)).isNotSameAs(t.modern(envelope));
    }

    @Test
    void onlyNamedOperationsGetMcpNameAndParamlessRequestsGetParams() {
        ModernRequest discover = McpRequests.DISCOVER.modern(envelope);
        assertThat(header(discover, "Mcp-Method")).isEqualTo("server/discover");
        assertThat(header(discover, "Mcp-Name")).isNull();
        assertThat(body(discover, 1).path("params").path("_meta").path(ModernEnvelope.PROTOCOL_VERSION_KEY)
                .asString()).isEqualTo("2026-07-28");
        assertThat(header(McpRequests.promptsGet("greet", null).modern(envelope), "Mcp-Name")).isEqualTo("greet");
    }

    @Test
    void unsafeValuesAreBase64WrappedAsTheSpecSays() {
        assertThat(ModernRequest.headerValue("us-west1")).isEqualTo("us-west1");
        assertThat(ModernRequest.headerValue("Hello, 世界")).isEqualTo("=?base64?SGVsbG8sIOS4lueVjA==?=");
        assertThat(ModernRequest.headerValue(" padded ")).isEqualTo("=?base64?IHBhZGRlZCA=?=");
        assertThat(ModernRequest.headerValue("line1\nline2")).isEqualTo("=?base64?bGluZTEKbGluZTI=?=");
        assertThat(ModernRequest.headerValue("=?base64?literal?=")).isEqualTo("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
    }
}
