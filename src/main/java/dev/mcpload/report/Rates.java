package dev.mcpload.report;

import java.util.Locale;

/** Error rates as people read them: a rate that is not zero never prints as 0.0 %, nor one below 1 as 100.0 %. */
final class Rates {
    private Rates() {
    }

    /** 0.0%, 0.035%, 12.5%, 99.964%, 100.0%. */
    static String percent(double rate) {
        double p = rate * 100;
        boolean hidden = (p > 0 && p < 0.1) || (p > 99.9 && p < 100);
        return String.format(Locale.ROOT, hidden ? "%.3f%%" : "%.1f%%", p);
    }
}
