package dev.mcpload.config;

import java.util.Collection;

/** Suggests the closest known name for a misspelled one (edit distance at most 2, or a shared prefix). */
public final class DidYouMean {
    private DidYouMean() {
    }

    static String suggest(String given, Collection<String> known) {
        String best = closest(given, known);
        return best != null ? "; did you mean '" + best + "'?" : "; known keys: " + String.join(", ", known);
    }

    /** The known name {@code given} is probably a misspelling of, or null. */
    public static String closest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && (bestDistance <= 2 || best.startsWith(given) || given.startsWith(best)) ? best : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
