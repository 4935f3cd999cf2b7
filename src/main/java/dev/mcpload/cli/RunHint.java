package dev.mcpload.cli;

import dev.mcpload.transport.TransportKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands mcpload suggests ("Run it with: ...", "Write one with ..."), built from the flags the user
 * gave, so that pasted into a POSIX shell they do what they say: stdio commands keep their
 * {@code --transport stdio --command '...'} with the command quoted as one word, a config written elsewhere than
 * the default is named with {@code --config}.
 */
final class RunHint {
    private RunHint() {
    }

    /**
     * The {@code mcpload run} command for a config that {@code init} wrote to {@code output} (null: the default
     * place, which {@code run} finds by itself). Header values are not written into a file, except as the
     * {@code ${VAR}} references the user typed; a header given literally is named in a trailing shell comment.
     */
    static String run(TransportKind kind, String url, String command, Path output, List<String> headers) {
        StringBuilder sb = new StringBuilder("mcpload run").append(target(kind, url, command));
        if (output != null) {
            sb.append(" --config ").append(quote(output.toString()));
        }
        List<String> literal = new ArrayList<>();
        if (headers != null && kind != TransportKind.STDIO) {
            for (String h : headers) {
                if (h.contains("${")) {
                    sb.append(" -H ").append(quote(h));
                } else {
                    int colon = h.indexOf(':');
                    literal.add(colon > 0 ? h.substring(0, colon).trim() : "header");
                }
            }
        }
        if (!literal.isEmpty()) {
            sb.append("  # plus -H for ").append(String.join(", ", literal))
                    .append(" (values are not written into this file)");
        }
        return sb.toString();
    }

    /** The sentence pointing to {@code mcpload init}, when {@code run} finds no config. */
    static String writeOne(boolean embedded, TransportKind kind, String url, String command) {
        if (embedded) {
            return "Write one with 'mcpload init'.";
        }
        if (kind == TransportKind.STDIO) {
            return "Write one with: mcpload init" + target(kind, url, command);
        }
        return "Write one with 'mcpload init" + target(kind, url, command) + "'.";
    }

    private static String target(TransportKind kind, String url, String command) {
        return switch (kind) {
            case STDIO -> " --transport stdio --command " + quote(command == null ? "" : command);
            case SSE -> " " + quote(url) + " --transport sse";
            case STREAMABLE_HTTP -> " " + quote(url) + " --transport http";
            case AUTO -> " " + quote(url);
        };
    }

    /**
     * One shell word: bare when it has only characters no shell treats specially, else single-quoted (a
     * single quote inside becomes {@code '\''}); a word with control characters, which a one-line comment
     * cannot hold, uses {@code $'...'} escapes (bash, zsh and ksh; POSIX sh has no way to write it on one line).
     */
    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        if (word.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            StringBuilder sb = new StringBuilder("$'");
            for (char c : word.toCharArray()) {
                switch (c) {
                    case '\'' -> sb.append("\\'");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            sb.append(String.format("\\x%02x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('\'').toString();
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
