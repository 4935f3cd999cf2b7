package dev.mcpload.protocol;

import java.util.Collection;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every request of the modern era (2026-07-28) carries in {@code params._meta}: the protocol version, the
 * client's identity and the client capabilities it declares (spec, basic: {@code _meta} reserved keys). The same
 * for every request of a run, so one envelope is made per client and each request template is wrapped in it once
 * ({@link RequestTemplate#modern(ModernEnvelope)}), never per send.
 */
public final class ModernEnvelope {
    public static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo";
    public static final String CLIENT_CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities";
    public static final String SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";

    private final String version;
    private final List<String> capabilities;
    private final ParamHeaders paramHeaders;

    /** @param capabilities client feature names as the spec writes them (roots, sampling, elicitation) */
    public ModernEnvelope(String version, Collection<String> capabilities) {
        this(version, capabilities, ParamHeaders.NONE);
    }

    private ModernEnvelope(String version, Collection<String> capabilities, ParamHeaders paramHeaders) {
        if (!ProtocolVersions.isModern(version)) {
            throw new IllegalArgumentException("'" + version + "' is not a modern MCP version");
        }
        this.version = version;
        this.capabilities = List.copyOf(capabilities);
        this.paramHeaders = paramHeaders;
    }

    /** This envelope, its requests mirroring the tool parameters {@code headers} names ({@code Mcp-Param-*}). */
    public ModernEnvelope withParamHeaders(ParamHeaders headers) {
        return new ModernEnvelope(version, capabilities, headers);
    }

    /** The tool parameters mirrored into {@code Mcp-Param-*} headers (none until learnt from tools/list). */
    public ParamHeaders paramHeaders() {
        return paramHeaders;
    }

    public String version() {
        return version;
    }

    /** Adds the envelope's keys to {@code meta} (a request's own {@code _meta}, e.g. its progressToken, stays). */
    void writeTo(ObjectNode meta) {
        meta.put(PROTOCOL_VERSION_KEY, version);
        ObjectNode info = meta.putObject(CLIENT_INFO_KEY);
        info.put("name", McpRequests.CLIENT_NAME);
        info.put("version", McpRequests.CLIENT_VERSION);
        ObjectNode caps = meta.putObject(CLIENT_CAPABILITIES_KEY);
        for (String c : capabilities) {
            caps.putObject(c);
        }
    }
}
