package dev.mcpload.cli;

import dev.mcpload.config.InvisibleChars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --header "Name: value"} flags. Values may name environment variables as {@code ${VAR}}, so a token
 * never has to appear on a command line or in shell history; values are never printed or reported, not even in
 * the errors about them (which name the header and what is wrong with its value).
 */
final class HeaderOptions {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** RFC 9110 token: the characters of a header name. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern LEADING_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]*");

    private HeaderOptions() {
    }

    static Map<String, String> parse(List<String> flags, Map<String, String> env) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (flags == null) {
            return headers;
        }
        for (String flag : flags) {
            int colon = flag.indexOf(':');
            if (colon < 0) {
                throw new UserError(noColon(flag.trim()));
            }
            String name = flag.substring(0, colon).trim();
            if (name.isEmpty()) {
                throw new UserError("--header ': …' has no name before the ':': write it as 'Name: value'");
            }
            if (!NAME.matcher(name).matches()) {
                throw new UserError("--header name '" + InvisibleChars.escape(name) + "' is not a valid HTTP header"
                        + " name (letters, digits and !#$%&'*+-.^_`|~ only)" + invisibleIn(name));
            }
            String raw = flag.substring(colon + 1).trim();
            String value = expand(raw, env, name);
            checkValue(name, value, !raw.equals(value));
            headers.put(name, value);
        }
        return headers;
    }

    /**
     * Without a colon the flag may still hold a secret ({@code -H 'Authorization Bearer xyz'}): print the name it
     * starts with in full and nothing after it.
     */
    private static String noColon(String flag) {
        Matcher m = LEADING_NAME.matcher(flag);
        String name = m.find() ? m.group() : "";
        boolean more = name.length() < flag.length();
        String shown = name.isEmpty() ? "…" : name + (more ? " …" : "");
        return "--header '" + shown + "' has no ':' after the header name: write it as '"
                + (name.isEmpty() ? "Name" : name) + ": value'" + (more ? " (the rest is not shown: it may be a"
                + " secret)" : "");
    }

    /**
     * A line break in a value would end the header and start another (header injection), and Netty refuses to
     * send it; other control characters and characters above U+00FF cannot be sent either. The message names the
     * character and its position, never the value.
     */
    private static void checkValue(String name, String value, boolean expanded) {
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            int cp = value.codePointAt(i);
            boolean ok = cp == '\t' || (cp >= 0x20 && cp != 0x7F && cp <= 0xFF);
            if (!ok) {
                String what = cp == '\n' || cp == '\r' ? "a line break (" + InvisibleChars.name(cp) + ")"
                        : cp > 0xFF ? "the character " + InvisibleChars.name(cp) + ", which HTTP headers cannot carry"
                        : "a control character (" + InvisibleChars.name(cp) + ")";
                throw new UserError("--header " + name + ": its value" + (expanded ? " (after expanding ${…})" : "")
                        + " contains " + what + " at character " + (value.codePointCount(0, i) + 1)
                        + "; remove it (a token read from a file often"
                        + " ends in a newline). The value is not shown: it may be a secret.");
            }
        }
    }

    private static String invisibleIn(String name) {
        int i = InvisibleChars.indexOf(name);
        return i < 0 ? "" : "; it contains an invisible character " + InvisibleChars.name(name.codePointAt(i));
    }

    private static String expand(String value, Map<String, String> env, String header) {
        Matcher m = ENV.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                throw new UserError("--header " + header + " uses ${" + m.group(1)
                        + "}, but that environment variable is not set");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
