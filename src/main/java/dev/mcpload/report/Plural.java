package dev.mcpload.report;

/** "1 resource", "2 resources": counts in messages agree with their noun. */
public final class Plural {
    private Plural() {
    }

    /** {@code n} and {@code noun}, with an "s" unless {@code n} is 1 (the nouns used here are all regular). */
    public static String of(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}
