package dev.mcpload.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, in TOML and on the command line: {@code 150ms}, {@code 8s}, {@code 5m},
 * {@code 1h}, combinations such as {@code 1m30s} (as k6 and Go write them), and a bare number meaning seconds.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private DurationText() {
    }

    /** Milliseconds, or -1 when {@code text} is not a duration. */
    public static long parseMs(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Math.round(Double.parseDouble(t) * 1000);
        }
        Matcher m = PART.matcher(t);
        int at = 0;
        double ms = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            ms += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
            at = m.end();
        }
        return at == t.length() && at > 0 ? Math.round(ms) : -1;
    }

    /** What a problem message says the accepted forms are. */
    public static final String FORMS = "a number of seconds or a string with a unit, e.g. 30, \"150ms\", \"8s\","
            + " \"5m\", \"1m30s\"";
}
