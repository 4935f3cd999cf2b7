package dev.mcpload.discovery;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses, from a tool's name and description, whether calling it thousands of times would reach outside the
 * server under test (fetch URLs, send mail, delete things, run commands). Such tools are written into a
 * generated config commented out, with the reason: a load test must not become a spam run by accident.
 * Annotations win when the server gives them ({@code destructiveHint}, {@code openWorldHint}).
 */
public final class SideEffects {
    private static final Pattern RISKY = Pattern.compile(
            "\\b(fetch(es|ing)?|download|upload|url|urls|http|https|webhook|"
                    + "send(s|ing)? (an? |the )?(e-?mail|mail|message|sms|text|tweet)|e-?mail|sms|post(s|ing)? to|"
                    + "publish|tweet|delete[sd]?|remove[sd]?|drop|destroy|purge|wipe|truncate|overwrite|"
                    + "write[s]? (a |to )?file|exec(ute)?|shell|command|kill|shutdown|restart|reboot|deploy|"
                    + "purchase|payment|transfer)\\b",
            Pattern.CASE_INSENSITIVE);

    private SideEffects() {
    }

    /** Why the tool looks unsafe to hammer, or empty. */
    public static Optional<String> reason(String name, String description, tools.jackson.databind.JsonNode annotations) {
        if (annotations != null) {
            if (annotations.path("destructiveHint").asBoolean(false)
                    && !annotations.path("readOnlyHint").asBoolean(false)) {
                return Optional.of("the server marks it destructive (destructiveHint)");
            }
            if (annotations.path("openWorldHint").asBoolean(false)) {
                return Optional.of("the server says it reaches the outside world (openWorldHint)");
            }
        }
        String words = (name.replaceAll("[_\\-./]", " ") + " " + (description == null ? "" : description))
                .toLowerCase(Locale.ROOT);
        Matcher m = RISKY.matcher(words);
        if (m.find()) {
            return Optional.of("its name or description mentions '" + m.group(1) + "'");
        }
        return Optional.empty();
    }
}
