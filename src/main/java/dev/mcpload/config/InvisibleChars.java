package dev.mcpload.config;

import java.util.Locale;

/**
 * Characters a reader cannot see, or cannot tell from a plain space: a zero-width space pasted from a web page,
 * a no-break space from a word processor, a stray byte-order mark. In a key or a flag they make a name that
 * looks right fail; messages name them by code point and Unicode name instead of printing them invisibly.
 */
public final class InvisibleChars {
    private InvisibleChars() {
    }

    /**
     * Controls other than tab and line ends, format characters (zero-width space and joiners, bidi marks, BOM)
     * and every space other than U+0020 (no-break, en, em, thin, ideographic…), plus the Hangul fillers, which
     * render as blanks.
     */
    public static boolean isInvisible(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (type == Character.SPACE_SEPARATOR && cp != ' ')
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
    }

    /** The index (in chars) of the first invisible character of {@code s}, or -1. */
    public static int indexOf(String s) {
        for (int i = 0; i < s.length(); i = s.offsetByCodePoints(i, 1)) {
            if (isInvisible(s.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code U+200B ZERO WIDTH SPACE}. */
    public static String name(int cp) {
        String name = Character.getName(cp);
        return String.format(Locale.ROOT, "U+%04X", cp) + (name == null ? "" : " " + name);
    }

    /** {@code s} with every invisible character written as {@code \u200B}, so a message shows where it is. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(cp -> {
            if (isInvisible(cp) || cp == '\n' || cp == '\r') {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /**
     * When the character at {@code line}:{@code column} (1-based, as the TOML parser reports a syntax error) of
     * {@code text} is invisible, says which it is and whether it is in a key; else null (the parser's message
     * stands). Bare keys are ASCII only, so an invisible character in one is a syntax error, not an unknown key.
     */
    static String explainAt(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length || column < 1) {
            return null;
        }
        String l = lines[line - 1];
        if (column > l.codePointCount(0, l.length())) {
            return null;
        }
        int at = l.offsetByCodePoints(0, column - 1);
        int cp = l.codePointAt(at);
        if (!isInvisible(cp)) {
            return null;
        }
        String head = l.trim();
        String key = null;
        if (head.startsWith("[")) {
            int close = l.indexOf(']', at);
            if (close > at) {
                key = l.substring(l.indexOf('[') , close).replace("[", "").trim();
            }
        } else {
            int eq = l.indexOf('=');
            if (eq < 0 || at < eq) {
                key = (eq < 0 ? l : l.substring(0, eq)).trim();
            }
        }
        String what = name(cp);
        if (key != null) {
            return "key '" + escape(key) + "' contains an invisible character " + what + " at column " + column
                    + ": delete it (or retype the key)";
        }
        return "an invisible character " + what + " at column " + column + " is not allowed outside quotes: "
                + (Character.getType(cp) == Character.SPACE_SEPARATOR ? "replace it with a plain space"
                : "delete it");
    }

    /** {@code s} without its invisible characters (what the user meant to type, for a did-you-mean). */
    public static String strip(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !isInvisible(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
