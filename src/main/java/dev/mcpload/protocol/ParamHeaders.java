package dev.mcpload.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The tool parameters a server wants mirrored into {@code Mcp-Param-{Name}} headers (2026-07-28, Streamable HTTP:
 * custom headers from tool parameters): learnt once from {@code tools/list}, per tool, each an {@code x-mcp-header}
 * annotation on a property reachable from the input schema's root through {@code properties} keys only. A tool
 * whose annotations break the spec's rules (not a token, not unique, on a non-primitive type, or under
 * {@code items}, {@code oneOf}, {@code $ref}…) is invalid: a conforming client excludes it, so mcpload says why
 * ({@link #invalid()}) and sends its calls without the headers.
 */
public final class ParamHeaders {
    public static final ParamHeaders NONE = new ParamHeaders(Map.of(), Map.of());
    private static final Set<String> PRIMITIVE = Set.of("string", "integer", "boolean");
    private static final String TCHAR = "!#$%&'*+-.^_`|~";

    /** One mirrored parameter: where it is in the arguments, and the header name after {@code Mcp-Param-}. */
    public record Param(List<String> path, String name) {
        public Param {
            path = List.copyOf(path);
        }
    }

    private final Map<String, List<Param>> byTool;
    private final Map<String, String> invalid;

    private ParamHeaders(Map<String, List<Param>> byTool, Map<String, String> invalid) {
        this.byTool = Map.copyOf(byTool);
        this.invalid = Map.copyOf(invalid);
    }

    /** From the tool definitions of {@code tools/list} (every page): each tool's annotations, or why it is invalid. */
    public static ParamHeaders of(List<JsonNode> tools) {
        Map<String, List<Param>> byTool = new HashMap<>();
        Map<String, String> invalid = new HashMap<>();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asString("");
            List<Param> found = new ArrayList<>();
            String problem = scan(tool.path("inputSchema"), true, new ArrayList<>(), found, new HashMap<>());
            if (problem != null) {
                invalid.put(name, problem);
            } else if (!found.isEmpty()) {
                byTool.put(name, found);
            }
        }
        return new ParamHeaders(byTool, invalid);
    }

    /** The parameters {@code tool} mirrors (empty for most tools, and for invalid ones). */
    public List<Param> of(String tool) {
        return byTool.getOrDefault(tool, List.of());
    }

    /** Tools whose annotations are invalid, with the reason: a conforming client leaves them out. */
    public Map<String, String> invalid() {
        return invalid;
    }

    public boolean isEmpty() {
        return byTool.isEmpty();
    }

    /**
     * Walks a schema: an annotation counts only on a schema reached from the root through {@code properties}
     * keys ({@code reachable}); anywhere else it makes the tool invalid. Returns the first problem, or null.
     */
    private static String scan(JsonNode schema, boolean reachable, List<String> path, List<Param> found,
                               Map<String, String> seen) {
        if (schema.isArray()) {
            for (JsonNode item : schema) {
                String p = scan(item, false, path, found, seen);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (!schema.isObject()) {
            return null;
        }
        JsonNode header = schema.get("x-mcp-header");
        if (header != null) {
            String where = path.isEmpty() ? "the schema root" : String.join(".", path);
            if (!reachable || path.isEmpty()) {
                return where + ": x-mcp-header is allowed only on properties reached through 'properties' keys";
            }
            String name = header.isString() ? header.stringValue() : "";
            if (!isToken(name)) {
                return where + ": x-mcp-header '" + header + "' is not an HTTP token";
            }
            if (!PRIMITIVE.contains(schema.path("type").asString(""))) {
                return where + ": x-mcp-header on a property of type '" + schema.path("type").asString("none")
                        + "' (only string, integer, boolean)";
            }
            String prior = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (prior != null) {
                return "x-mcp-header '" + name + "' is not unique (also '" + prior + "')";
            }
            found.add(new Param(path, name));
        }
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String p = null;
            if (e.getKey().equals("properties") && e.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> prop : e.getValue().properties()) {
                    List<String> deeper = new ArrayList<>(path);
                    deeper.add(prop.getKey());
                    p = scan(prop.getValue(), reachable, deeper, found, seen);
                    if (p != null) {
                        return p;
                    }
                }
            } else if (!e.getKey().equals("x-mcp-header")) {
                p = scan(e.getValue(), false, path, found, seen);
            }
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TCHAR.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The header value of {@code value} (the argument at a parameter's path): a string as the spec's Value
     * Encoding says, an integer in decimal, a boolean as true/false; null when there is none to send (absent, or
     * a type the annotation does not allow), and the header is then omitted.
     */
    public static String valueOf(JsonNode arguments, Param param) {
        JsonNode v = arguments;
        for (String key : param.path()) {
            v = v == null ? null : v.get(key);
        }
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return ModernRequest.headerValue(v.stringValue());
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "true" : "false";
        }
        if (v.isIntegralNumber() || (v.isNumber() && v.canConvertToExactIntegral())) {
            return v.bigIntegerValue().toString();
        }
        return null;
    }
}
