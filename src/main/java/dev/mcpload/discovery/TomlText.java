package dev.mcpload.discovery;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Writes TOML values: quoted and escaped strings, bare or quoted keys, inline tables and arrays. */
public final class TomlText {
    private TomlText() {
    }

    /** A basic string with every character TOML requires escaped. */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    public static String key(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : string(k);
    }

    /** A JSON value as a TOML value (objects as inline tables). Nulls, which TOML lacks, become "". */
    public static String value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "\"\"";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("{ ");
            Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(key(e.getKey())).append(" = ").append(value(e.getValue()));
            }
            return first ? "{}" : sb.append(" }").toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(value(v.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.asBoolean());
        }
        if (v.isIntegralNumber()) {
            return v.asString();
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            String s = Double.toString(d);
            return s.contains(".") || s.contains("E") ? s : s + ".0";
        }
        return string(v.asString());
    }

    /** A comment line's text: one line, no control characters. */
    public static String comment(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return one.length() > 160 ? one.substring(0, 159) + "…" : one;
    }
}
