package dev.mcpload.threshold;

import java.math.BigDecimal;

/** Numbers as people write them in thresholds: {@code 500}, {@code 0.01}, {@code 99.9} (no {@code 500.0}, no exponent). */
final class Numbers {
    private Numbers() {
    }

    static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
