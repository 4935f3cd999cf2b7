package dev.mcpload.threshold;

import java.util.List;

/** The operators of a k6 threshold expression ({@code ===} is k6's spelling of {@code ==}). */
public enum Comparison {
    LESS_OR_EQUAL("<="), GREATER_OR_EQUAL(">="), NOT_EQUAL("!="), EQUAL("=="), LESS("<"), GREATER(">");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double observed, double bound) {
        return switch (this) {
            case LESS -> observed < bound;
            case LESS_OR_EQUAL -> observed <= bound;
            case GREATER -> observed > bound;
            case GREATER_OR_EQUAL -> observed >= bound;
            case EQUAL -> observed == bound;
            case NOT_EQUAL -> observed != bound;
        };
    }

    /** Every spelling, longest first, so {@code <=} is never read as {@code <}. */
    static List<String> spellings() {
        return List.of("===", "<=", ">=", "!=", "==", "<", ">");
    }

    static Comparison of(String spelling) {
        for (Comparison c : values()) {
            if (c.symbol.equals(spelling.equals("===") ? "==" : spelling)) {
                return c;
            }
        }
        throw new IllegalArgumentException(spelling);
    }
}
