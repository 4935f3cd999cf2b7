package dev.mcpload.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The words that say a tool acts on the world (creates, charges, sends, deletes, runs, fetches...), matched as
 * whole words: names are split at snake_case, kebab-case and camelCase boundaries, and a word matches in any
 * of its usual inflections ("charges", "cancelled", "publishing"), so "border" never matches "order" and
 * "get-sum" never matches anything.
 */
final class SideEffectWords {
    /** Base forms; {@link #bases} maps inflected words back to these. */
    private static final Set<String> ACTIONS = Set.of(
            // money and orders
            "charge", "order", "pay", "paid", "payment", "purchase", "buy", "bought", "refund", "transfer",
            "checkout", "invoice", "book", "reserve", "cancel", "approve", "ship", "subscribe",
            "unsubscribe",
            // writing data
            "create", "insert", "update", "upsert", "write", "wrote", "written", "save", "put", "patch", "edit",
            "modify", "rename", "move", "archive", "increment", "decrement", "toggle", "reset", "import",
            "register", "invite", "grant", "revoke", "assign", "submit", "commit", "push", "merge",
            // deleting
            "delete", "remove", "drop", "truncate", "destroy", "purge", "wipe", "erase", "overwrite", "kill",
            "terminate", "rm",
            // messages to people or other systems
            "send", "sent", "email", "mail", "sms", "notify", "publish", "post", "tweet",
            // running things
            "exec", "execute", "eval", "shell", "command", "sudo", "spawn", "deploy", "install", "uninstall",
            "shutdown", "restart", "reboot",
            // the network
            "fetch", "download", "upload", "http", "https", "url", "urls", "webhook", "curl", "wget");

    /** Words after "run" that make it running a program, not "a dry run". */
    private static final Set<String> RUNNABLE = Set.of("command", "script", "code", "program", "shell", "binary",
            "process", "job", "query", "sql");

    /**
     * Words after "send" that keep it inside the MCP exchange: "sends notifications", "sends progress", "sends
     * back the input" answer the caller; they are not side effects.
     */
    private static final Set<String> TO_THE_CALLER = Set.of("notification", "progress", "back", "log");

    /** "in order to", "sort order", "free of charge", "in charge of": English, not an action. */
    private static final Set<String> NOT_A_VERB_AFTER = Set.of("in", "of", "sort", "sorting");

    private SideEffectWords() {
    }

    /** Lower-case words of a name or a sentence: split at non-letters and at camelCase humps. */
    static List<String> words(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String humps = text.replaceAll("(?<=[\\p{Ll}\\p{Nd}])(?=\\p{Lu})", " ")
                .replaceAll("(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})", " ");
        List<String> words = new ArrayList<>();
        for (String w : humps.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** The first word that names an action with effects, as it appeared, or empty. */
    static Optional<String> find(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            if (bases(w).contains("run") && bases(next).stream().anyMatch(RUNNABLE::contains)) {
                return Optional.of(w + " " + next);
            }
            if (bases(w).stream().noneMatch(ACTIONS::contains) || isHarmless(w, words, i)) {
                continue;
            }
            return Optional.of(w);
        }
        return Optional.empty();
    }

    /** The few phrases where an action word is not an action: see the sets above. */
    private static boolean isHarmless(String w, List<String> words, int i) {
        String next = i + 1 < words.size() ? words.get(i + 1) : "";
        String previous = i > 0 ? words.get(i - 1) : "";
        if (bases(w).contains("send")) {
            return bases(next).stream().anyMatch(TO_THE_CALLER::contains);
        }
        if (bases(w).contains("update")) {
            return previous.equals("progress"); // "with progress updates": notifications to the caller
        }
        if (w.equals("order") || w.equals("charge")) {
            return NOT_A_VERB_AFTER.contains(previous) || next.equals("by");
        }
        return false;
    }

    /**
     * The word and what it may be an inflection of: charges → charge, cancelled → cancel, pushes → push,
     * modifies → modify. Over-generating is harmless: a stem counts only if it is in {@link #ACTIONS}.
     */
    static Set<String> bases(String w) {
        Set<String> out = new java.util.LinkedHashSet<>();
        out.add(w);
        if (w.length() > 4 && (w.endsWith("ies") || w.endsWith("ied"))) {
            out.add(w.substring(0, w.length() - 3) + "y");
        }
        for (String suffix : new String[] {"ing", "ed", "es", "s", "d"}) {
            if (w.length() > suffix.length() + 1 && w.endsWith(suffix)) {
                String stem = w.substring(0, w.length() - suffix.length());
                out.add(stem);
                if (suffix.equals("ing") || suffix.equals("ed")) {
                    out.add(stem + "e"); // creating → create, charged → charge
                    int n = stem.length();
                    if (n >= 2 && stem.charAt(n - 1) == stem.charAt(n - 2)) {
                        out.add(stem.substring(0, n - 1)); // cancelled → cancel, dropping → drop
                    }
                }
            }
        }
        return out;
    }
}
