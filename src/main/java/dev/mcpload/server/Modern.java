package dev.mcpload.server;

import dev.mcpload.protocol.ProtocolVersions;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The names and shapes of MCP 2026-07-28 (the stateless, "modern" era) that the reference server uses: the
 * version, the reserved {@code _meta} keys, the request headers, the error codes, and the result decoration
 * ({@code resultType}, caching hints, {@code serverInfo}).
 */
final class Modern {
    static final String VERSION = ProtocolVersions.V2026_07_28;
    static final List<String> VERSIONS = ProtocolVersions.MODERN;

    static final String META = "_meta";
    static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    static final AsciiString MCP_METHOD = AsciiString.cached("mcp-method");
    static final AsciiString MCP_NAME = AsciiString.cached("mcp-name");

    static final int HEADER_MISMATCH = dev.mcpload.protocol.ModernErrors.HEADER_MISMATCH;
    static final int MISSING_REQUIRED_CLIENT_CAPABILITY = dev.mcpload.protocol.ModernErrors.MISSING_REQUIRED_CLIENT_CAPABILITY;
    static final int UNSUPPORTED_PROTOCOL_VERSION = dev.mcpload.protocol.ModernErrors.UNSUPPORTED_PROTOCOL_VERSION;

    static final String COMPLETE = "complete";
    static final String INPUT_REQUIRED = "input_required";

    private static final String BASE64_PREFIX = "=?base64?";
    private static final String BASE64_SUFFIX = "?=";

    private Modern() {
    }

    /** The versions a server of {@code era} names in discover and in -32022: modern first, then legacy (dual). */
    static List<String> supportedVersions(ServerEra era) {
        if (era != ServerEra.DUAL) {
            return VERSIONS;
        }
        List<String> all = new ArrayList<>(VERSIONS);
        all.addAll(ProtocolVersions.SUPPORTED);
        return List.copyOf(all);
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = JsonRpc.NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** {@code params._meta["io.modelcontextprotocol/protocolVersion"]} when it is a string, else null. */
    static String metaVersion(JsonNode params) {
        JsonNode meta = params.get(META);
        JsonNode version = meta == null ? null : meta.get(PROTOCOL_VERSION);
        return version != null && version.isString() ? version.stringValue() : null;
    }

    /** {@code params._meta["io.modelcontextprotocol/clientCapabilities"]}, or null when absent. */
    static JsonNode clientCapabilities(JsonNode params) {
        JsonNode meta = params.get(META);
        return meta == null ? null : meta.get(CLIENT_CAPABILITIES);
    }

    /**
     * A header value as the spec's Value Encoding has it: {@code =?base64?...?=} decoded (UTF-8), anything else
     * as is; null when the Base64 is malformed.
     */
    static String decodeHeader(String value) {
        if (value.length() >= BASE64_PREFIX.length() + BASE64_SUFFIX.length() && value.startsWith(BASE64_PREFIX)
                && value.endsWith(BASE64_SUFFIX)) {
            try {
                return new String(Base64.getDecoder().decode(value.substring(BASE64_PREFIX.length(),
                        value.length() - BASE64_SUFFIX.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return value;
    }

    /** A {@code resultType: complete} result, with the server's identity in {@code _meta}. */
    static ObjectNode complete(ObjectNode result, ObjectNode serverMeta) {
        result.put("resultType", COMPLETE);
        result.set(META, serverMeta);
        return result;
    }

    /** A complete result that carries caching hints (discover, the lists, resources/read). */
    static ObjectNode cacheable(ObjectNode result, ObjectNode serverMeta, long ttlMs) {
        complete(result, serverMeta);
        result.put("ttlMs", ttlMs);
        // Nothing this server answers depends on who asks.
        result.put("cacheScope", "public");
        return result;
    }

    /** {@code {"io.modelcontextprotocol/serverInfo": {name, version}}}, built once per server. */
    static ObjectNode serverMeta() {
        ObjectNode meta = JsonRpc.object();
        ObjectNode info = meta.putObject(SERVER_INFO);
        info.put("name", McpDispatcher.SERVER_NAME);
        info.put("version", McpDispatcher.SERVER_VERSION);
        return meta;
    }

    static McpError headerMismatch(String message) {
        return new McpError(HEADER_MISMATCH, "Header mismatch: " + message);
    }

    static McpError unsupportedVersion(String requested, ServerEra era) {
        ObjectNode data = JsonRpc.object();
        List<String> supported = supportedVersions(era);
        data.set("supported", array(supported));
        if (requested == null) {
            data.putNull("requested");
        } else {
            data.put("requested", requested);
        }
        return new McpError(UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version"
                + (requested == null ? "" : " " + requested) + ": this server supports " + String.join(", ", supported)
                + (era == ServerEra.MODERN ? " (stateless: send _meta on every request, no initialize)" : ""), data);
    }

    // ---- What a 2026-07-28 request's body must carry, on every transport (HTTP adds its header checks) ----

    /** A client sends no JSON-RPC responses in this era (it answers input requests by retrying instead). */
    static void checkNotResponse(JsonRpc.Incoming message) {
        if (message.kind() == JsonRpc.Incoming.Kind.RESPONSE) {
            throw new McpError(JsonRpc.INVALID_REQUEST,
                    "Invalid Request: clients send no JSON-RPC responses in MCP " + VERSION);
        }
    }

    /**
     * The version {@code _meta} names, required on every request; an {@code initialize} without one is a
     * 2025-era client on a modern-only server, answered with the versions (spec, versioning: its only diagnostic).
     */
    static String requireMetaVersion(JsonRpc.Incoming message, ServerEra era) {
        JsonNode params = message.params();
        String metaVersion = metaVersion(params);
        if (metaVersion == null && "initialize".equals(message.method())) {
            JsonNode offered = params.get("protocolVersion");
            throw unsupportedVersion(offered != null && offered.isString() ? offered.stringValue() : null, era);
        }
        if (metaVersion == null) {
            throw McpError.invalidParams("Invalid params: _meta." + PROTOCOL_VERSION + " is required (a "
                    + "string) on every request in MCP " + VERSION);
        }
        return metaVersion;
    }

    static void checkSupported(String metaVersion, ServerEra era) {
        if (!VERSIONS.contains(metaVersion)) {
            throw unsupportedVersion(metaVersion, era);
        }
    }

    static void checkCapabilities(JsonNode params) {
        JsonNode capabilities = clientCapabilities(params);
        if (capabilities == null || !capabilities.isObject()) {
            throw McpError.invalidParams("Invalid params: _meta." + CLIENT_CAPABILITIES
                    + " is required (an object, {} for none) on every request in MCP " + VERSION);
        }
    }

    static McpError missingCapability(String capability, String why) {
        ObjectNode data = JsonRpc.object();
        data.putObject("requiredCapabilities").putObject(capability);
        return new McpError(MISSING_REQUIRED_CLIENT_CAPABILITY, "Server requires the " + capability
                + " capability for this request (" + why + "); declare it in _meta." + CLIENT_CAPABILITIES, data);
    }
}
