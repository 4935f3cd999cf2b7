package dev.mcpload.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 plumbing shared by every transport: the one mapper, error codes, message builders, codecs. */
final class JsonRpc {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined server errors (-32000..-32099), numbered as the official SDKs do. */
    static final int SERVER_ERROR = -32000;
    static final int SESSION_NOT_FOUND = -32001;
    /** MCP resources spec: reading an unknown URI. */
    static final int RESOURCE_NOT_FOUND = -32002;

    /**
     * Thread-safe and expensive to build: one for the whole process. Buffers are recycled per thread rather
     * than through Jackson's default shared deque: every parse and write happens on a long-lived event-loop
     * thread, and a shared pool would make the loops contend for it on each request.
     */
    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build()).build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    /** An error response; {@code id} is null when the request's id could not be read (JSON-RPC: id null). */
    static ObjectNode error(JsonNode id, int code, String message) {
        return error(id, code, message, null);
    }

    /** An error response with a {@code data} member when {@code data} is not null. */
    static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id == null ? NullNode.getInstance() : id);
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return response;
    }

    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode message = NODES.objectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.set("params", params);
        return message;
    }

    /** Parses one message; a syntax error or an empty body becomes a -32700 {@link McpError}. */
    static JsonNode parse(ByteBuf body) {
        try (InputStream in = new ByteBufInputStream(body.duplicate())) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reachable: ByteBufInputStream does no I/O
        }
    }

    static JsonNode parse(String text) {
        try {
            return checkPresent(MAPPER.readTree(text));
        } catch (JacksonException e) {
            throw new McpError(PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
        }
    }

    private static JsonNode parse(InputStream in) {
        try {
            return checkPresent(MAPPER.readTree(in));
        } catch (JacksonException e) {
            throw new McpError(PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
        }
    }

    private static JsonNode checkPresent(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new McpError(PARSE_ERROR, "Parse error: empty message");
        }
        return node;
    }

    /** Serialises straight into a pooled buffer: no intermediate byte[] or String on the hot path. */
    static ByteBuf encode(ByteBufAllocator alloc, JsonNode message) {
        ByteBuf buf = alloc.buffer(256);
        try {
            writeTo(buf, message);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    static void writeTo(ByteBuf buf, JsonNode message) {
        try (OutputStream out = new ByteBufOutputStream(buf)) {
            MAPPER.writeValue(out, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reachable: ByteBufOutputStream does no I/O
        }
    }

    static byte[] encodeBytes(JsonNode message) {
        return MAPPER.writeValueAsBytes(message);
    }

    /**
     * One received JSON-RPC message, classified. MCP ids are strings or integers (never null), and params,
     * when present, are an object.
     */
    record Incoming(Kind kind, JsonNode id, String method, JsonNode params) {
        enum Kind { REQUEST, NOTIFICATION, RESPONSE }

        boolean isRequest() {
            return kind == Kind.REQUEST;
        }

        /** @throws McpError -32600 when the message is not a valid JSON-RPC 2.0 message */
        static Incoming of(JsonNode message) {
            if (message.isArray()) {
                // Batches were removed from MCP in 2025-06-18; answering them piecewise is not worth the
                // complexity for a reference server, and rejecting them is what newer servers do.
                throw new McpError(INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not supported");
            }
            if (!message.isObject()) {
                throw new McpError(INVALID_REQUEST, "Invalid Request: a message must be a JSON object");
            }
            JsonNode version = message.get("jsonrpc");
            if (version == null || !version.isString() || !"2.0".equals(version.stringValue())) {
                throw new McpError(INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
            }
            JsonNode id = message.get("id");
            if (id != null && !(id.isString() || id.isIntegralNumber())) {
                throw new McpError(INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer");
            }
            JsonNode method = message.get("method");
            if (method == null) {
                if (id != null && (message.has("result") || message.has("error"))) {
                    return new Incoming(Kind.RESPONSE, id, null, null);
                }
                throw new McpError(INVALID_REQUEST, "Invalid Request: no \"method\" and not a response");
            }
            if (!method.isString()) {
                throw new McpError(INVALID_REQUEST, "Invalid Request: \"method\" must be a string");
            }
            JsonNode params = message.get("params");
            if (params != null && !params.isObject() && !params.isNull()) {
                throw new McpError(INVALID_REQUEST, "Invalid Request: \"params\" must be an object");
            }
            JsonNode safeParams = params == null || params.isNull() ? NODES.objectNode() : params;
            return new Incoming(id == null ? Kind.NOTIFICATION : Kind.REQUEST, id, method.stringValue(),
                    safeParams);
        }

        /** The id to put on an error about {@code message}: its own when readable, else null. */
        static JsonNode idOf(JsonNode message) {
            JsonNode id = message == null || !message.isObject() ? null : message.get("id");
            return id != null && (id.isString() || id.isIntegralNumber()) ? id : null;
        }
    }
}
