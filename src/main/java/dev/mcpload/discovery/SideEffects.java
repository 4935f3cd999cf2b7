package dev.mcpload.discovery;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Judges, from a tool's annotations, name, description and input schema, whether {@code mcpload init} may call
 * it. A load test calls every step thousands of times, and even init's single trial call is a real call: a
 * tool that charges a card, sends mail or fetches a URL must never be called by accident.
 *
 * <p>The rules, strongest first:
 * <ul>
 *   <li>{@code openWorldHint: true}, {@code destructiveHint: true} (unless {@code readOnlyHint: true}, which the
 *       spec says makes it meaningless) or an explicit {@code readOnlyHint: false}: the server itself says the
 *       tool reaches outside or changes something. Unsafe.</li>
 *   <li>A word of its name (snake_case, camelCase and kebab-case split) or description that names an action
 *       with effects ({@link SideEffectWords}), or a URL argument (mcpload would fill it with a real address):
 *       unsafe, even when the server marks the tool read-only. Annotations are hints from the server, and a
 *       wrong one must not cost a customer's card; a false alarm only costs the user one uncommented line.</li>
 *   <li>{@code readOnlyHint: true}: read-only, init may try it once.</li>
 *   <li>Anything else is unknown: not called unless the user asks with {@code --probe}.</li>
 * </ul>
 * The spec's defaults for absent hints ({@code destructiveHint} and {@code openWorldHint} default to true) are
 * not applied: they would make every unannotated tool unsafe, and unknown already means "not called".
 */
public final class SideEffects {
    /** What init may do with a tool. */
    public enum Kind {
        /** Annotated {@code readOnlyHint: true} and nothing says otherwise: init tries it once. */
        READ_ONLY,
        /** Nothing says either way: init calls it only with {@code --probe}. */
        UNKNOWN,
        /** Never called by init, not even with {@code --probe}. */
        UNSAFE
    }

    /** The judgement and, in words for a comment in the generated file, why. */
    public record Verdict(Kind kind, String reason) {
    }

    /** Argument names that hold an address the tool will contact. */
    private static final Set<String> URL_WORDS = Set.of("url", "urls", "href", "webhook", "endpoint", "callback");
    private static final Set<String> URL_FORMATS = Set.of("uri", "url", "iri", "uri-reference", "iri-reference");

    private SideEffects() {
    }

    /** Judges a tool as {@code tools/list} describes it. */
    public static Verdict judge(JsonNode tool) {
        String name = tool.path("name").asString("");
        String description = tool.path("description").asString("");
        return judge(name, description, tool.path("annotations"), tool.path("inputSchema"));
    }

    public static Verdict judge(String name, String description, JsonNode annotations, JsonNode inputSchema) {
        Boolean readOnly = hint(annotations, "readOnlyHint");
        if (Boolean.TRUE.equals(hint(annotations, "openWorldHint"))) {
            return unsafe("the server says it reaches the outside world (openWorldHint: true)");
        }
        if (Boolean.TRUE.equals(hint(annotations, "destructiveHint")) && !Boolean.TRUE.equals(readOnly)) {
            return unsafe("the server marks it destructive (destructiveHint: true)");
        }
        if (Boolean.FALSE.equals(readOnly)) {
            return unsafe("the server says it modifies its environment (readOnlyHint: false)");
        }
        Optional<String> word = SideEffectWords.find(SideEffectWords.words(name));
        if (word.isPresent()) {
            return unsafe("its name mentions '" + word.get() + "'");
        }
        word = SideEffectWords.find(SideEffectWords.words(description));
        if (word.isPresent()) {
            return unsafe("its description mentions '" + word.get() + "'");
        }
        Optional<String> url = urlArgument(inputSchema);
        if (url.isPresent()) {
            return unsafe("it takes a URL argument ('" + url.get() + "'), which mcpload would fill with a real address");
        }
        if (Boolean.TRUE.equals(readOnly)) {
            return new Verdict(Kind.READ_ONLY, "the server marks it read-only (readOnlyHint: true)");
        }
        return new Verdict(Kind.UNKNOWN, "it is not annotated readOnlyHint: true");
    }

    private static Verdict unsafe(String reason) {
        return new Verdict(Kind.UNSAFE, reason);
    }

    /** A boolean hint, or null when absent or not a boolean (a string "true" is not an annotation we trust). */
    private static Boolean hint(JsonNode annotations, String name) {
        JsonNode v = annotations == null ? null : annotations.get(name);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    /** The first top-level argument that names or is formatted as an address. */
    private static Optional<String> urlArgument(JsonNode inputSchema) {
        if (inputSchema == null) {
            return Optional.empty();
        }
        for (var e : inputSchema.path("properties").properties()) {
            List<String> words = SideEffectWords.words(e.getKey());
            if (words.stream().anyMatch(URL_WORDS::contains)
                    || URL_FORMATS.contains(e.getValue().path("format").asString(""))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }
}
