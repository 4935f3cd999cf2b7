package dev.mcpload.report;

import dev.mcpload.threshold.ThresholdResult;
import java.io.PrintStream;
import java.util.List;

/**
 * The thresholds as judged, one line each with ✓/✗, the target, the expression and the observed value, then the
 * verdict: in the run summary and after a ceiling search's capacity table.
 */
public final class ThresholdsPrinter {
    private final Style style;

    public ThresholdsPrinter(Style style) {
        this.style = style;
    }

    public void print(List<ThresholdResult> thresholds, PrintStream out) {
        if (thresholds.isEmpty()) {
            return;
        }
        out.println();
        out.println("  thresholds:");
        int width = thresholds.stream().mapToInt(t -> t.threshold().target().length()).max().orElse(0);
        int exprWidth = thresholds.stream().mapToInt(t -> t.threshold().expression().length()).max().orElse(0);
        for (ThresholdResult t : thresholds) {
            String mark = t.passed() ? style.green("✓") : style.red("✗");
            String observed = t.passed() ? t.observedText() : style.red(t.observedText());
            out.println("    " + mark + " " + pad(t.threshold().target(), width) + "  "
                    + pad(t.threshold().expression(), exprWidth) + "  " + observed
                    + (t.abortedRun() ? "  " + style.red("(stopped the run)") : ""));
        }
        long failed = thresholds.stream().filter(t -> !t.passed()).count();
        out.println("    " + (failed == 0 ? style.green("all " + thresholds.size() + " passed")
                : style.red(failed + " of " + thresholds.size() + " failed")));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
