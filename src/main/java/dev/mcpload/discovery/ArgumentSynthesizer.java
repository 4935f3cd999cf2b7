package dev.mcpload.discovery;

import dev.mcpload.protocol.Json;
import java.util.Iterator;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes arguments a tool will accept from its JSON Schema, so a generated config runs without edits: every
 * required property gets a value that respects {@code const}, {@code default}, {@code examples},
 * {@code enum}, the type, {@code format}, length and range limits; local {@code $ref}s and
 * {@code anyOf}/{@code oneOf} are followed. Optional properties are left out: the server's own defaults apply.
 */
public final class ArgumentSynthesizer {
    private static final JsonNodeFactory F = Json.MAPPER.getNodeFactory();
    private static final int MAX_DEPTH = 8;

    private final JsonNode root;

    private ArgumentSynthesizer(JsonNode root) {
        this.root = root;
    }

    /** Arguments for a tool whose {@code inputSchema} is {@code schema} (an object schema). */
    public static ObjectNode forTool(JsonNode schema) {
        JsonNode v = new ArgumentSynthesizer(schema).value(schema, "", 0);
        return v instanceof ObjectNode o ? o : Json.object();
    }

    JsonNode value(JsonNode schema, String propertyName, int depth) {
        if (schema == null || schema.isMissingNode() || depth > MAX_DEPTH || !schema.isObject()) {
            return F.stringNode("example");
        }
        if (schema.has("$ref")) {
            return value(resolve(schema.path("$ref").asString("")), propertyName, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("default") && !schema.get("default").isNull()) {
            return schema.get("default");
        }
        JsonNode examples = schema.path("examples");
        if (examples.isArray() && !examples.isEmpty()) {
            return examples.get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        JsonNode en = schema.path("enum");
        if (en.isArray() && !en.isEmpty()) {
            for (JsonNode e : en) {
                if (!e.isNull()) {
                    return e;
                }
            }
            return en.get(0);
        }
        for (String alt : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode options = schema.path(alt);
            if (options.isArray() && !options.isEmpty()) {
                if (alt.equals("allOf")) {
                    return mergeAllOf(options, propertyName, depth);
                }
                for (JsonNode o : options) {
                    if (!"null".equals(o.path("type").asString(""))) {
                        return value(o, propertyName, depth + 1);
                    }
                }
            }
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, propertyName, depth);
            case "integer" -> F.numberNode(integer(schema));
            case "number" -> number(schema);
            case "boolean" -> F.booleanNode(true);
            case "null" -> F.nullNode();
            default -> F.stringNode(string(schema, propertyName));
        };
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isString()) {
            return t.asString();
        }
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!"null".equals(x.asString(""))) {
                    return x.asString("");
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode o = Json.object();
        JsonNode props = schema.path("properties");
        for (JsonNode r : schema.path("required")) {
            String name = r.asString("");
            o.set(name, value(props.path(name), name, depth + 1));
        }
        // An optional duration-like number would take the server's default, often seconds of deliberate
        // waiting: a load test should not wait on purpose, so it gets its smallest value.
        for (var e : props.properties()) {
            String type = e.getValue().isObject() ? type(e.getValue()) : "";
            if (!o.has(e.getKey()) && (type.equals("number") || type.equals("integer"))
                    && TIME_LIKE.matcher(e.getKey()).find()) {
                o.set(e.getKey(), F.numberNode(Math.max(integer(e.getValue()), 1)));
            }
        }
        return o;
    }

    private static final java.util.regex.Pattern TIME_LIKE = java.util.regex.Pattern.compile(
            "(?i)(duration|delay|sleep|wait|timeout|latency|interval|seconds|secs|millis|^ms$)");

    private JsonNode mergeAllOf(JsonNode parts, String propertyName, int depth) {
        ObjectNode merged = Json.object();
        for (JsonNode p : parts) {
            JsonNode v = value(p, propertyName, depth + 1);
            if (v instanceof ObjectNode o) {
                merged.setAll(o);
            } else {
                return v;
            }
        }
        return merged;
    }

    private JsonNode array(JsonNode schema, String propertyName, int depth) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        int n = Math.max(1, schema.path("minItems").asInt(1));
        if (schema.has("maxItems")) {
            n = Math.min(n, schema.path("maxItems").asInt(n));
        }
        for (int i = 0; i < n; i++) {
            a.add(value(schema.path("items"), singular(propertyName), depth + 1));
        }
        return a;
    }

    private static long integer(JsonNode s) {
        Long min = null;
        if (s.path("minimum").isNumber()) {
            min = (long) Math.ceil(s.path("minimum").asDouble());
        } else if (s.path("exclusiveMinimum").isNumber()) {
            min = (long) Math.floor(s.path("exclusiveMinimum").asDouble()) + 1;
        }
        Long max = null;
        if (s.path("maximum").isNumber()) {
            max = (long) Math.floor(s.path("maximum").asDouble());
        } else if (s.path("exclusiveMaximum").isNumber()) {
            max = (long) Math.ceil(s.path("exclusiveMaximum").asDouble()) - 1;
        }
        long v = min != null ? Math.max(min, 1) : 1;
        if (max != null && v > max) {
            v = min != null ? min : max;
        }
        long multiple = s.path("multipleOf").asLong(0);
        if (multiple > 1 && v % multiple != 0) {
            v = (v / multiple + 1) * multiple;
        }
        return v;
    }

    private static JsonNode number(JsonNode s) {
        if (s.has("minimum") || s.has("maximum") || s.has("exclusiveMinimum") || s.has("exclusiveMaximum")) {
            double min = s.has("minimum") ? s.path("minimum").asDouble()
                    : s.path("exclusiveMinimum").isNumber() ? s.path("exclusiveMinimum").asDouble() + 0.5 : 1;
            double max = s.has("maximum") ? s.path("maximum").asDouble()
                    : s.path("exclusiveMaximum").isNumber() ? s.path("exclusiveMaximum").asDouble() - 0.5 : min;
            double v = Math.max(min, Math.min(1, max));
            return F.numberNode(v);
        }
        return F.numberNode(1);
    }

    private static String string(JsonNode s, String propertyName) {
        String format = s.path("format").asString("");
        String v = switch (format) {
            case "uri", "url", "iri" -> "https://example.com/";
            case "email" -> "user@example.com";
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "date" -> "2026-01-01";
            case "time" -> "12:00:00";
            case "uuid" -> "00000000-0000-4000-8000-000000000000";
            case "ipv4" -> "127.0.0.1";
            case "hostname" -> "localhost";
            default -> byName(propertyName);
        };
        int min = s.path("minLength").asInt(0);
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        StringBuilder sb = new StringBuilder(v);
        while (sb.length() < min) {
            sb.append('x');
        }
        if (sb.length() > max) {
            sb.setLength(Math.max(max, 0));
        }
        return sb.toString();
    }

    private static String byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("url") || n.contains("uri")) {
            return "https://example.com/";
        }
        if (n.contains("email")) {
            return "user@example.com";
        }
        if (n.contains("message") || n.contains("text") || n.contains("query") || n.contains("prompt")) {
            return "hello from mcpload";
        }
        if (n.contains("city")) {
            return "Paris";
        }
        if (n.contains("name")) {
            return "mcpload";
        }
        return "example";
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return null; // remote references are not fetched: the caller falls back to a plain string
        }
        JsonNode node = root;
        String path = ref.substring(1);
        if (path.isEmpty()) {
            return root;
        }
        Iterator<String> parts = java.util.Arrays.asList(path.substring(1).split("/")).iterator();
        while (parts.hasNext() && node != null) {
            String p = parts.next().replace("~1", "/").replace("~0", "~");
            node = node.get(p);
        }
        return node;
    }
}
