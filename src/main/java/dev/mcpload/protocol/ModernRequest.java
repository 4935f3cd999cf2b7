package dev.mcpload.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request of the modern era (2026-07-28): the same JSON-RPC request with the {@link ModernEnvelope} in
 * {@code params._meta}, and the headers Streamable HTTP mirrors from the body — {@code Mcp-Method} always,
 * {@code Mcp-Name} for {@code tools/call}, {@code prompts/get} ({@code params.name}) and {@code resources/read}
 * ({@code params.uri}), and {@code Mcp-Param-{Name}} for the tool parameters the server annotated
 * {@code x-mcp-header} ({@link ParamHeaders}), Base64-wrapped as the spec's Value Encoding says when a value is not
 * plain header-safe ASCII. Encoded once, like the template it wraps: a send costs the same two array copies as in the 2025 era.
 */
public final class ModernRequest implements RequestEncoder {
    public static final AsciiString MCP_METHOD = AsciiString.cached("Mcp-Method");
    public static final AsciiString MCP_NAME = AsciiString.cached("Mcp-Name");
    public static final String MCP_PARAM_PREFIX = "Mcp-Param-";
    private static final String BASE64_PREFIX = "=?base64?";
    private static final String BASE64_SUFFIX = "?=";

    private final ModernEnvelope envelope;
    private final RequestTemplate wire;
    private final List<Header> headers;

    ModernRequest(RequestTemplate legacy, ModernEnvelope envelope) {
        this.envelope = envelope;
        JsonNode given = legacy.params();
        ObjectNode params = given instanceof ObjectNode o ? o.deepCopy() : Json.object();
        JsonNode ownMeta = params.get("_meta");
        ObjectNode meta = ownMeta instanceof ObjectNode m ? m : params.putObject("_meta");
        envelope.writeTo(meta);
        this.wire = RequestTemplate.of(legacy.method(), params);
        List<Header> h = new ArrayList<>(2);
        h.add(new Header(MCP_METHOD, AsciiString.of(legacy.method())));
        String name = nameOf(legacy.method(), params);
        if (name != null) {
            h.add(new Header(MCP_NAME, AsciiString.of(headerValue(name))));
            if (McpMethods.TOOLS_CALL.equals(legacy.method())) {
                // Mcp-Param-{Name}: the tool's x-mcp-header parameters, from this call's (fixed) arguments
                for (ParamHeaders.Param p : envelope.paramHeaders().of(name)) {
                    String value = ParamHeaders.valueOf(params.path("arguments"), p);
                    if (value != null) {
                        h.add(new Header(AsciiString.of(MCP_PARAM_PREFIX + p.name()), AsciiString.of(value)));
                    }
                }
            }
        }
        this.headers = List.copyOf(h);
    }

    /** The envelope this request was wrapped in (for the template's cache). */
    ModernEnvelope envelope() {
        return envelope;
    }

    /** The body value {@code Mcp-Name} mirrors, or null for methods that have none. */
    private static String nameOf(String method, JsonNode params) {
        String field = switch (method) {
            case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET -> "name";
            case McpMethods.RESOURCES_READ -> "uri";
            default -> null;
        };
        JsonNode value = field == null ? null : params.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /**
     * A header value for {@code value}: as is when it is visible ASCII or inner spaces and does not look like the
     * Base64 sentinel, else {@code =?base64?...?=} of its UTF-8 bytes (spec, Streamable HTTP: Value Encoding).
     */
    public static String headerValue(String value) {
        boolean safe = !value.isEmpty() && value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' '
                && !(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX));
        for (int i = 0; safe && i < value.length(); i++) {
            char c = value.charAt(i);
            safe = c >= 0x20 && c <= 0x7E;
        }
        if (safe) {
            return value;
        }
        return BASE64_PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                + BASE64_SUFFIX;
    }

    @Override
    public String method() {
        return wire.method();
    }

    @Override
    public List<Header> headers() {
        return headers;
    }

    @Override
    public void writeTo(ByteBuf buf, long id) {
        wire.writeTo(buf, id);
    }

    @Override
    public int encodedLengthUpperBound() {
        return wire.encodedLengthUpperBound();
    }

    @Override
    public byte[] toBytes(long id) {
        return wire.toBytes(id);
    }
}
