package dev.mcpload.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads typed values out of TOML tables for the config readers, each problem reported once to
 * {@link ConfigProblems} with the file, line and key, and a default returned so reading goes on (every problem of
 * a file is collected, not only the first).
 */
final class TomlFields {
    private final String file;
    private final ConfigProblems problems;

    TomlFields(String file, ConfigProblems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Reports every unknown key; returns the known keys they are probably misspellings of, so that "needs
     * 'tool'" is not said again for a 'tol' already reported.
     */
    List<String> checkKeys(TomlTable t, List<String> known, String where, int fallbackLine) {
        List<String> misspelt = new ArrayList<>();
        for (String k : t.keySet()) {
            if (!known.contains(k)) {
                String meant = DidYouMean.closest(InvisibleChars.strip(k), known);
                if (meant != null) {
                    misspelt.add(meant);
                }
                TomlPosition p = t.inputPositionOf(List.of(k));
                int line = p == null ? fallbackLine : p.line();
                int invisible = InvisibleChars.indexOf(k);
                if (invisible >= 0) { // only a quoted key can hold one: its text starts after the quote
                    int column = p == null ? 0 : p.column() + 1 + k.codePointCount(0, invisible);
                    problems.add(file + ":" + line + ":" + (column > 0 ? column + ":" : "") + " "
                            + where + "key '" + InvisibleChars.escape(k) + "' contains an invisible character "
                            + InvisibleChars.name(k.codePointAt(invisible))
                            + (column > 0 ? " at column " + column : "") + ": delete it"
                            + DidYouMean.suggest(InvisibleChars.strip(k), known));
                } else {
                    problems.add(file + ":" + line + ": " + where + "unknown key '" + k + "'"
                            + DidYouMean.suggest(k, known));
                }
            }
        }
        return misspelt;
    }

    int intValue(TomlTable t, String key, String where, int dflt, int min) {
        Object v = t.get(List.of(key));
        if (v == null) {
            return dflt;
        }
        String problem = null;
        if (v instanceof Double) {
            problem = key + " must be a whole number, not " + v;
        } else if (!(v instanceof Long l)) {
            problem = key + " must be a number, not " + describe(v);
        } else if (l < min) {
            problem = key + " must be " + (min == 0 ? "0 or more" : "at least " + min) + ", not " + l;
        } else if (l > Integer.MAX_VALUE) {
            problem = key + " is too large: " + l;
        } else {
            return (int) (long) l;
        }
        problems.add(at(t, key) + where + problem);
        return dflt;
    }

    boolean bool(TomlTable t, String key, String where, boolean dflt) {
        Object v = t.get(List.of(key));
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            problems.add(at(t, key) + where + key + " must be true or false, not " + describe(v));
            return dflt;
        }
        return b;
    }

    double number(TomlTable t, String key, String where, double dflt) {
        Object v = t.get(List.of(key));
        if (v == null) {
            return dflt;
        }
        double d;
        if (v instanceof Long l) {
            d = l;
        } else if (v instanceof Double x) {
            d = x;
        } else {
            problems.add(at(t, key) + where + key + " must be a number, not " + describe(v));
            return dflt;
        }
        if (!(d >= 0) || Double.isInfinite(d)) {
            problems.add(at(t, key) + where + key + " must be 0 or more, not " + v);
            return dflt;
        }
        return d;
    }

    /**
     * A duration in milliseconds ({@link DurationText}: a number of seconds, or a string with a unit); at least
     * {@code minMs}; {@code dflt} when absent or (reported) wrong.
     */
    long durationMs(TomlTable t, String key, String where, long dflt, long minMs) {
        Object v = t.get(List.of(key));
        if (v == null) {
            return dflt;
        }
        long ms = v instanceof Long l ? l * 1000 : v instanceof Double d ? Math.round(d * 1000)
                : v instanceof String s ? DurationText.parseMs(s) : -1;
        if (ms < 0) {
            problems.add(at(t, key) + where + key + " must be a duration, " + DurationText.FORMS + ", not "
                    + describe(v));
            return dflt;
        }
        if (ms < minMs) {
            problems.add(at(t, key) + where + key + " must be at least " + minMs + " ms, not " + v);
            return dflt;
        }
        return ms;
    }

    /**
     * A whole number or a range written {@code [min, max]} (uniform), each at least {@code min}; {@code dflt} when
     * absent or (reported) wrong.
     */
    dev.mcpload.engine.Range range(TomlTable t, String key, String where, dev.mcpload.engine.Range dflt, long min) {
        Object v = t.get(List.of(key));
        if (v == null) {
            return dflt;
        }
        if (v instanceof Long l && l >= min) {
            return dev.mcpload.engine.Range.of(l);
        }
        if (v instanceof TomlArray a && a.size() == 2 && a.get(0) instanceof Long lo && a.get(1) instanceof Long hi
                && lo >= min && hi >= lo) {
            return new dev.mcpload.engine.Range(lo, hi);
        }
        problems.add(at(t, key) + where + key + " must be a whole number >= " + min + " or a range [min, max] with"
                + " min <= max, e.g. " + key + " = [3, 12]; not " + describe(v));
        return dflt;
    }

    /**
     * Whole seconds, written as a number of seconds or a duration with a unit ({@code "5m"}); at least
     * {@code minSecs}. For the {@code *_secs} keys of the seed chapter, which keep their names.
     */
    int seconds(TomlTable t, String key, String where, int dflt, int minSecs) {
        Object v = t.get(List.of(key));
        if (v == null) {
            return dflt;
        }
        if (v instanceof Long) {
            return intValue(t, key, where, dflt, minSecs);
        }
        long ms = v instanceof String s ? DurationText.parseMs(s) : -1;
        if (ms < 0 || ms % 1000 != 0 || ms / 1000 < minSecs || ms / 1000 > Integer.MAX_VALUE) {
            problems.add(at(t, key) + where + key + " must be whole seconds, " + (minSecs > 0 ? "at least " + minSecs
                    + ", " : "") + "as a number (30) or with a unit (\"30s\", \"5m\"), not " + describe(v));
            return dflt;
        }
        return (int) (ms / 1000);
    }

    /** The string at {@code key}, null when absent or (reported) not a string. */
    String string(TomlTable t, String key, String where, int line) {
        Object v = t.get(List.of(key));
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            problems.add(at(t, key) + where + key + " must be a string in quotes, not " + describe(v));
            return null;
        }
        return s;
    }

    /** The blocks of {@code key}, or null when they are not blocks of tables (reported; nothing in them is checked). */
    TomlArray tableArray(TomlTable toml, String key, Object raw) {
        if (!(raw instanceof TomlArray arr)) {
            problems.add(at(toml, key) + "'" + key + "' must be written as [[" + key + "]] blocks");
            return null;
        }
        int mark = problems.count();
        for (int i = 0; i < arr.size(); i++) {
            if (!(arr.get(i) instanceof TomlTable)) {
                TomlPosition p = arr.inputPositionOf(i);
                problems.add(file + ":" + (p == null ? 1 : p.line()) + ": " + key + ": entry #" + (i + 1)
                        + " is " + describe(arr.get(i)) + ", not a table: every " + key + " entry is a table of"
                        + " keys; write each as a [[" + key + "]] block");
            }
        }
        return problems.addedSince(mark) ? null : arr;
    }

    String at(TomlTable t, String key) {
        TomlPosition p = t == null ? null : t.inputPositionOf(List.of(key));
        return file + ":" + (p == null ? 1 : p.line()) + ": ";
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof Long || v instanceof Double) {
            return "the number " + v;
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof TomlTable) {
            return "a table";
        }
        if (v instanceof TomlArray) {
            return "an array";
        }
        return v.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + v;
    }
}
