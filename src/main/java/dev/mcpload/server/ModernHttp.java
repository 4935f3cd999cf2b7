package dev.mcpload.server;

import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.server.fault.FaultChain;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;

/**
 * A POST on {@code /mcp} in the modern era (MCP 2026-07-28, basic/transports/streamable-http): no session, every
 * request carries its version and client capabilities in {@code _meta}, mirrored into headers that must match
 * the body. Validated in the spec's order of concerns, then dispatched statelessly; errors the spec gives an HTTP
 * status get it (400 for -32020, -32021, -32022 and a malformed {@code _meta}; 404 for -32601).
 */
final class ModernHttp {
    private final ServerEra era;
    private final McpDispatcher dispatcher;
    private final SessionRegistry sessions;
    private final FaultChain requestFaults;
    private final LongConsumer restart;
    /** The open subscriptions/listen streams (for tests: how many, and news to send on them). */
    final ListenStreams listens = new ListenStreams();

    ModernHttp(ServerEra era, McpDispatcher dispatcher, SessionRegistry sessions, FaultChain requestFaults,
               LongConsumer restart) {
        this.era = era;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.requestFaults = requestFaults;
        this.restart = restart;
    }

    /**
     * Whether a dual-era server serves {@code message} as modern: it is not {@code initialize} (which opens a
     * 2025-era session) and it names a version that is not a legacy one, in {@code _meta} or, outside a legacy
     * session, in the MCP-Protocol-Version header.
     */
    static boolean claimsInDual(JsonRpc.Incoming message, String headerVersion, String sessionId) {
        if (message.kind() == JsonRpc.Incoming.Kind.RESPONSE) {
            return sessionId == null && headerVersion != null && !ProtocolVersions.isSupported(headerVersion);
        }
        if ("initialize".equals(message.method())) {
            return false;
        }
        String metaVersion = Modern.metaVersion(message.params());
        if (metaVersion != null && !ProtocolVersions.isSupported(metaVersion)) {
            return true;
        }
        return sessionId == null && headerVersion != null && !ProtocolVersions.isSupported(headerVersion);
    }

    void post(JsonRpc.Incoming message, HttpHeaders headers, boolean useSse, HttpReply reply) {
        try {
            validate(message, headers);
        } catch (McpError e) {
            reply.json(HttpResponseStatus.BAD_REQUEST, e.response(message.id()), null);
            return;
        }
        if (message.kind() == JsonRpc.Incoming.Kind.NOTIFICATION) {
            // None is defined for Streamable HTTP in 2026-07-28 (cancelling is closing the stream): accepted.
            reply.empty(HttpResponseStatus.ACCEPTED);
            return;
        }
        if (requestFaults != null) {
            requestFaults.handle(new FaultedRequest(message, null, useSse, reply, sessions, restart,
                    () -> dispatch(message, useSse, reply)));
        } else {
            dispatch(message, useSse, reply);
        }
    }

    private void dispatch(JsonRpc.Incoming message, boolean useSse, HttpReply reply) {
        if (ListenStreams.METHOD.equals(message.method())) {
            listens.open(message, reply, sessions, dispatcher.resourceUris()); // a stream whatever the mode
            return;
        }
        StreamableExchange exchange = useSse
                ? new StreamableExchange.Sse(reply, null, null, sessions, true)
                : new StreamableExchange.Json(reply, null, null, sessions, true);
        dispatcher.modernRequest(message, exchange);
        exchange.dispatched();
    }

    /** @throws McpError the first problem of the request, as the spec names it */
    private void validate(JsonRpc.Incoming message, HttpHeaders headers) {
        Modern.checkNotResponse(message);
        JsonNode params = message.params();
        String metaVersion = Modern.requireMetaVersion(message, era);
        String headerVersion = headers.get(HttpMcpHandler.MCP_PROTOCOL_VERSION);
        if (headerVersion == null) {
            throw Modern.headerMismatch("the MCP-Protocol-Version header is required");
        }
        if (!headerVersion.equals(metaVersion)) {
            throw Modern.headerMismatch("MCP-Protocol-Version header value '" + headerVersion
                    + "' does not match body value '" + metaVersion + "'");
        }
        Modern.checkSupported(metaVersion, era);
        if (message.kind() == JsonRpc.Incoming.Kind.NOTIFICATION) {
            return; // header rules for notification POSTs are not defined by 2026-07-28
        }
        String method = message.method();
        String headerMethod = headers.get(Modern.MCP_METHOD);
        if (headerMethod == null) {
            throw Modern.headerMismatch("the Mcp-Method header is required");
        }
        if (!headerMethod.equals(method)) {
            throw Modern.headerMismatch("Mcp-Method header value '" + headerMethod + "' does not match body value '"
                    + method + "'");
        }
        String nameField = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        if (nameField != null) {
            JsonNode bodyName = params.get(nameField);
            String rawHeader = headers.get(Modern.MCP_NAME);
            if (rawHeader == null) {
                throw Modern.headerMismatch("the Mcp-Name header is required for " + method);
            }
            String headerName = Modern.decodeHeader(rawHeader);
            if (headerName == null) {
                throw Modern.headerMismatch("Mcp-Name header value '" + rawHeader + "' is not valid =?base64?...?=");
            }
            String body = bodyName != null && bodyName.isString() ? bodyName.stringValue() : null;
            if (!headerName.equals(body)) {
                throw Modern.headerMismatch("Mcp-Name header value '" + headerName + "' does not match body value '"
                        + (body == null ? "params." + nameField + " absent" : body) + "'");
            }
        }
        Modern.checkCapabilities(params);
    }

    /**
     * The HTTP status of an error the dispatcher answered a valid modern request with: what the spec requires
     * for its own codes (400) and an unknown method (404); 200 for the others (an unknown tool, bad arguments),
     * as JSON-RPC over HTTP has it. Validation failures are all 400, answered in {@link #post}.
     */
    static HttpResponseStatus status(int code) {
        return switch (code) {
            case Modern.HEADER_MISMATCH, Modern.MISSING_REQUIRED_CLIENT_CAPABILITY,
                 Modern.UNSUPPORTED_PROTOCOL_VERSION -> HttpResponseStatus.BAD_REQUEST;
            case JsonRpc.METHOD_NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            default -> HttpResponseStatus.OK;
        };
    }
}
