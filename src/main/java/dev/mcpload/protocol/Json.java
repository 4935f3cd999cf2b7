package dev.mcpload.protocol;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shared, thread-safe Jackson objects: one factory for streaming, one mapper for trees. */
public final class Json {
    /**
     * Buffers are recycled per thread: every scan happens on a long-lived event-loop thread, and Jackson's
     * default shared pool would make the loops contend for it on every response.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build()).build();
    public static final JsonFactory FACTORY = MAPPER.tokenStreamFactory();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode parse(byte[] bytes) {
        return MAPPER.readTree(bytes);
    }

    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String string(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
