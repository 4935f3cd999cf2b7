package dev.mcpload.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --header "Name: value"} flags. Values may name environment variables as {@code ${VAR}}, so a token
 * never has to appear on a command line or in shell history; values are never printed or reported.
 */
final class HeaderOptions {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private HeaderOptions() {
    }

    static Map<String, String> parse(List<String> flags, Map<String, String> env) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (flags == null) {
            return headers;
        }
        for (String flag : flags) {
            int colon = flag.indexOf(':');
            if (colon <= 0) {
                throw new UserError("--header '" + redactedForm(flag) + "' must look like 'Name: value'");
            }
            String name = flag.substring(0, colon).trim();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new UserError("--header name '" + name + "' is not a valid HTTP header name");
            }
            headers.put(name, expand(flag.substring(colon + 1).trim(), env, name));
        }
        return headers;
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

    private static String redactedForm(String flag) {
        return flag.length() > 12 ? flag.substring(0, 12) + "…" : flag;
    }
}
