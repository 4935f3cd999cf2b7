package dev.mcpload.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in one config file, so that one run of mcpload names all of them instead of one per try.
 * Each message is worded as it would be alone (it starts with {@code file:line:}); one problem is reported as
 * just its message, several under a header ("3 problems in loadtest.toml:"), one per line, sorted by line.
 */
final class ConfigProblems {
    private record Problem(int line, String message) {
    }

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    ConfigProblems(String file) {
        this.file = file;
    }

    /** Records a problem; {@code message} starts with {@code file:line:} like every config message. */
    void add(String message) {
        problems.add(new Problem(lineOf(message), message));
    }

    /** How many so far: a check compares it before and after reading a value to know whether the value failed. */
    int count() {
        return problems.size();
    }

    /** Whether a problem was added since {@link #count()} returned {@code mark}. */
    boolean addedSince(int mark) {
        return problems.size() > mark;
    }

    /** Throws one {@link ConfigException} naming every problem, if there is any. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new ConfigException(problems.get(0).message());
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: one line's problems keep their order
        StringBuilder sb = new StringBuilder().append(sorted.size()).append(" problems in ").append(file).append(':');
        for (Problem p : sorted) {
            sb.append('\n').append(p.message());
        }
        throw new ConfigException(sb.toString());
    }

    private int lineOf(String message) {
        String prefix = file + ":";
        if (!message.startsWith(prefix)) {
            return 0;
        }
        int line = 0;
        for (int i = prefix.length(); i < message.length() && Character.isDigit(message.charAt(i)); i++) {
            line = Math.min(line * 10 + (message.charAt(i) - '0'), Integer.MAX_VALUE / 10);
        }
        return line;
    }
}
