package dev.mcpload.report.html;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON that can sit inside an HTML {@code <script type="application/json">} element whatever its strings hold.
 * The HTML parser ends a script element at the first {@code </script}, whatever the JSON around it means, so a
 * server's error message such as {@code </script><script>alert(1)</script>} would otherwise escape into the
 * page. Every {@code <}, {@code >} and {@code &} is written as a JSON {@code \}{@code u} escape instead: they
 * can only occur inside JSON strings, where the escape means the same character, so {@code JSON.parse} gives
 * back exactly the original.
 */
final class ScriptJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ScriptJson() {
    }

    static String of(JsonNode value) {
        String json = MAPPER.writeValueAsString(value);
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                // legal in JSON strings, but line terminators in older JavaScript parsers: escaped for safety
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
