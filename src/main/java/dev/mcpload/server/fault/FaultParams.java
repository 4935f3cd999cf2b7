package dev.mcpload.server.fault;

import java.util.Locale;

/** Reads the PARAM of {@code NAME:PARAM}; each failure is a short reason that {@link FaultSpec} puts in context. */
final class FaultParams {
    /** Nothing a test or a user means takes longer; it also keeps a typo (5000s) from hanging a server all day. */
    private static final long MAX_MS = 3_600_000;

    private FaultParams() {
    }

    /** {@code 200ms}, {@code 5s}, {@code 1.5s}: a unit is required, since a bare 5 could mean either. */
    static long durationMs(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double factor;
        String number;
        if (t.endsWith("ms")) {
            factor = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factor = 1000;
            number = t.substring(0, t.length() - 1);
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a duration: give a unit, as in 200ms or 5s");
        }
        double ms;
        try {
            ms = Double.parseDouble(number) * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it as 200ms or 5s");
        }
        if (!(ms >= 0 && ms <= MAX_MS)) {
            throw new IllegalArgumentException("'" + text + "' is not a duration between 0ms and 3600s");
        }
        return Math.round(ms);
    }

    /** {@code 8m} or {@code 8MiB} (mebibytes), {@code 512k} (kibibytes), or plain bytes; at most 1 GiB. */
    static long bytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long factor = 1;
        if (t.endsWith("k")) {
            factor = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t) * factor;
            if (n > 0 && n <= (1L << 30)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a size between 1 byte and 1024m (as 8m, 512k)");
    }

    static int integer(String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a whole number between " + min + " and " + max);
    }

    /** For the modes that take no PARAM. */
    static void none(String text) {
        if (text != null) {
            throw new IllegalArgumentException("it takes no PARAM");
        }
    }

    /** For the modes whose only PARAM is one word: whether it was given. */
    static boolean word(String text, String word) {
        if (text == null) {
            return false;
        }
        if (!text.equals(word)) {
            throw new IllegalArgumentException("'" + text + "' is not a PARAM it takes: only '" + word + "' is");
        }
        return true;
    }
}
