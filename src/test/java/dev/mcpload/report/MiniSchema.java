package dev.mcpload.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON document against the subset of JSON Schema that docs/report.schema.json uses (type, required,
 * properties, additionalProperties, items, enum, const, local $ref) and, stricter than JSON Schema, that every
 * property is documented with a description. Enough to keep the report and its documentation in step.
 */
public final class MiniSchema {
    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();

    public MiniSchema(JsonNode root) {
        this.root = root;
    }

    public List<String> validate(JsonNode doc) {
        check(root, doc, "$");
        return problems;
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String[] parts = schema.get("$ref").asString().substring(2).split("/");
            JsonNode n = root;
            for (String p : parts) {
                n = n.get(p);
            }
            return n;
        }
        return schema;
    }

    private void check(JsonNode schema0, JsonNode doc, String path) {
        JsonNode schema = resolve(schema0);
        String type = schema.path("type").asString("");
        boolean ok = switch (type) {
            case "object" -> doc.isObject();
            case "array" -> doc.isArray();
            case "string" -> doc.isString();
            case "integer" -> doc.isIntegralNumber();
            case "number" -> doc.isNumber();
            case "boolean" -> doc.isBoolean();
            default -> true;
        };
        if (!ok) {
            problems.add(path + ": expected " + type + ", got " + doc.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(doc);
            }
            if (!found) {
                problems.add(path + ": " + doc + " not in " + schema.get("enum"));
            }
        }
        if (schema.has("const") && !schema.get("const").equals(doc)) {
            problems.add(path + ": " + doc + " is not " + schema.get("const"));
        }
        if (doc.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!doc.has(r.asString())) {
                    problems.add(path + ": missing required '" + r.asString() + "'");
                }
            }
            JsonNode props = schema.path("properties");
            for (Map.Entry<String, JsonNode> e : doc.properties()) {
                String p = path + "." + e.getKey();
                if (props.has(e.getKey())) {
                    JsonNode ps = props.get(e.getKey());
                    if (!ps.has("description") && !resolve(ps).has("description")) {
                        problems.add(p + ": undocumented (no description)");
                    }
                    check(ps, e.getValue(), p);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), e.getValue(), p);
                } else if (schema.has("properties") || schema.path("additionalProperties").isBoolean()) {
                    if (!schema.path("additionalProperties").asBoolean(true) || props.size() > 0) {
                        problems.add(p + ": not described in the schema");
                    }
                }
            }
        }
        if (doc.isArray() && schema.has("items")) {
            for (int i = 0; i < doc.size(); i++) {
                check(schema.get("items"), doc.get(i), path + "[" + i + "]");
            }
        }
    }
}
