package dev.mcpload.server;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks tool arguments against the subset of JSON Schema the reference tools use: an object with typed
 * properties ({@code string}, {@code number}, {@code integer}, {@code boolean}), {@code required}, and
 * {@code minimum}/{@code maximum}. A full validator would cost a dependency and time on the hot path for
 * nothing these schemas need. Unknown properties are allowed (the schemas do not forbid them).
 */
final class SchemaValidator {
    private SchemaValidator() {
    }

    /** @throws McpError -32602 naming the tool, the argument and what is wrong with it */
    static void validate(String tool, JsonNode schema, JsonNode arguments) {
        if (!arguments.isObject()) {
            throw McpError.invalidParams("Invalid arguments for tool '" + tool + "': arguments must be an object");
        }
        for (JsonNode required : schema.path("required")) {
            JsonNode value = arguments.get(required.stringValue());
            if (value == null || value.isNull()) {
                throw McpError.invalidParams("Invalid arguments for tool '" + tool
                        + "': missing required argument '" + required.stringValue() + "'");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").properties().iterator();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode value = arguments.get(property.getKey());
            if (value != null && !value.isNull()) {
                checkValue(tool, property.getKey(), property.getValue(), value);
            }
        }
    }

    private static void checkValue(String tool, String name, JsonNode schema, JsonNode value) {
        String type = schema.path("type").asString("");
        boolean ok = switch (type) {
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            // JSON Schema counts 2.0 as an integer: the value matters, not its spelling.
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!ok) {
            throw McpError.invalidParams("Invalid arguments for tool '" + tool + "': argument '" + name
                    + "' must be " + article(type) + " " + type + ", got " + describe(value));
        }
        if (value.isNumber()) {
            JsonNode minimum = schema.get("minimum");
            JsonNode maximum = schema.get("maximum");
            if ((minimum != null && value.doubleValue() < minimum.doubleValue())
                    || (maximum != null && value.doubleValue() > maximum.doubleValue())) {
                throw McpError.invalidParams("Invalid arguments for tool '" + tool + "': argument '" + name
                        + "' must be between " + minimum + " and " + maximum + ", got " + value);
            }
        }
    }

    private static String article(String type) {
        return type.startsWith("i") ? "an" : "a";
    }

    private static String describe(JsonNode value) {
        if (value.isString()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isObject() ? "an object" : value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
