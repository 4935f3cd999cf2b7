package dev.mcpload.protocol;

import java.nio.charset.StandardCharsets;

/** Short, printable excerpts of what a server sent, for error messages. */
public final class Snippets {
    public static final int MAX = 200;

    private Snippets() {
    }

    public static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static String of(byte[] bytes, int off, int len) {
        if (len == 0) {
            return "(empty body)";
        }
        int n = Math.min(len, MAX);
        String s = new String(bytes, off, n, StandardCharsets.UTF_8).replaceAll("[\\r\\n\\t]+", " ").strip();
        return "'" + s + (len > MAX ? "…'" : "'");
    }
}
