package dev.mcpload.compare;

import dev.mcpload.report.Style;
import dev.mcpload.result.RunResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code mcpload compare} on a terminal: the two runs, how their setups differ, the headline figures side by
 * side with their changes and marks, one line per tool, the noise judgement of p99 in words, and the
 * {@code --fail-on} rules with ✓/✗. Marks: {@code worse} and {@code better} only for a change beyond the runs'
 * noise and of at least {@link Delta#MATERIAL}; {@code ≈ noise} for a change the intervals cannot tell from
 * noise.
 */
public final class ComparePrinter {
    private static final String P99 = "mcp_req_duration p(99)";

    private final PrintStream out;
    private final Style style;

    public ComparePrinter(PrintStream out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void print(Comparison c) {
        out.println();
        out.println("  " + style.bold("mcpload compare"));
        out.println();
        run("baseline", c.baseline());
        run("current ", c.current());
        if (!c.setup().isEmpty()) {
            out.println();
            out.println("  " + style.yellow("The runs were set up differently, so a change may come from the test,"
                    + " not the server:"));
            c.setup().forEach(s -> out.println("    " + s));
        }
        out.println();
        headline(c.headline());
        breakingPoints(c);
        keys(c.keys());
        noise(c.headline(P99));
        outcomes(c.outcomes());
        out.println();
    }

    private void run(String label, RunSide s) {
        RunResult r = s.run();
        String when = r.startedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
        out.println("  " + label + "  " + s.file() + style.dim(String.format(Locale.ROOT,
                "  %s · %.1fs · %d VUs · %s · report %s", when, r.elapsedMs() / 1000.0, r.maxVus(),
                r.server().protocolVersion().isEmpty() ? "protocol unknown" : r.server().protocolVersion(),
                s.schemaVersion())));
    }

    private void headline(List<Delta> rows) {
        out.println(String.format(Locale.ROOT, "  %-28s %13s %13s %13s %8s", "", "baseline", "current", "change", ""));
        for (Delta d : rows) {
            if (d.baseline() == null && d.current() == null) {
                continue; // e.g. mcp_init_duration of two runs that opened no session
            }
            out.println(String.format(Locale.ROOT, "  %-28s %13s %13s %13s %8s  ", d.figure().label(),
                    value(d, d.baseline()), value(d, d.current()),
                    d.comparable() ? d.figure().formatDifference(d.difference()) : "", d.relativeText())
                    + mark(d.mark()));
        }
    }

    private static String value(Delta d, Double v) {
        return v == null ? "-" : d.figure().format(v);
    }

    private void breakingPoints(Comparison c) {
        String a = Comparison.breakingPoint(c.baseline().run());
        String b = Comparison.breakingPoint(c.current().run());
        boolean worse = a.equals("none") && b.startsWith("at ");
        out.println(String.format(Locale.ROOT, "  %-28s %13s %13s %22s  ", "breaking point", a, b, "")
                + (worse ? mark(Delta.Mark.WORSE) : ""));
    }

    private void keys(List<Comparison.KeyRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int width = Math.min(40, Math.max(8, rows.stream().mapToInt(r -> r.key().label().length()).max().orElse(8)));
        out.println();
        out.println(String.format(Locale.ROOT, "  %-" + width + "s  %-30s %-26s %s", "per tool", "p(99)",
                "error rate", "throughput"));
        for (Comparison.KeyRow r : rows) {
            String label = r.key().label();
            label = label.length() > width ? label.substring(0, width - 1) + "…" : label;
            String where = !r.inBaseline() ? "  " + style.yellow("(new: not in the baseline)")
                    : !r.inCurrent() ? "  " + style.yellow("(gone: not in the current run)") : "";
            Delta p99 = r.deltas().get(2);
            Delta err = r.deltas().get(3);
            Delta rps = r.deltas().get(4);
            out.println(String.format(Locale.ROOT, "  %-" + width + "s  ", label) + cell(p99, 30) + " "
                    + cell(err, 26) + " " + pair(rps) + " " + shortMark(rps.mark()) + where);
        }
    }

    /** {@code 1.23ms → 1.40ms +13.8% worse}, padded to {@code width} before it is colored. */
    private String cell(Delta d, int width) {
        String text = pair(d) + (d.comparable() && !d.figure().isErrorRate() ? " " + d.relativeText() : "");
        String mark = shortMark(d.mark());
        int visible = text.length() + 1 + plainMark(d.mark()).length();
        return text + " " + mark + " ".repeat(Math.max(0, width - visible));
    }

    private static String pair(Delta d) {
        return value(d, d.baseline()) + " → " + value(d, d.current());
    }

    private void noise(Delta p99) {
        Noise.Verdict v = p99.noise();
        out.println();
        if (v.state() == Noise.State.NOT_JUDGED) {
            out.println("  noise: " + style.dim("not judged: " + v.why()));
        } else {
            Figure f = p99.figure();
            out.println("  noise: per-interval p(99) " + spread("baseline", v.baseline(), f) + "; "
                    + spread("current", v.current(), f) + ";");
            out.println("         " + String.format(Locale.ROOT, "Mann-Whitney U p = %.3f: ", v.p())
                    + (v.state() == Noise.State.INSIDE
                    ? style.dim("inside noise (the two runs' intervals mix as one run's would)")
                    : "beyond noise (the current run's intervals sit " + (p99.difference() > 0 ? "above" : "below")
                    + " the baseline's)"));
        }
        out.println("  " + style.dim("marks: worse/better = beyond noise and at least 1% (5% when noise is not"
                + " judged); ≈ noise = a difference the intervals cannot tell from noise"));
    }

    private static String spread(String label, Noise.Spread s, Figure f) {
        return label + " median " + f.format(s.median()) + " (IQR " + f.format(s.p25()) + "–" + f.format(s.p75())
                + ", " + s.intervals() + " intervals)";
    }

    private void outcomes(List<FailOn.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        out.println();
        out.println("  fail-on:");
        int width = outcomes.stream().mapToInt(o -> o.rule().text().length()).max().orElse(10);
        for (FailOn.Outcome o : outcomes) {
            String noise = o.delta().noise().state() == Noise.State.INSIDE ? style.dim("  (inside noise)") : "";
            out.println("    " + (o.failed() ? style.red("✗") : style.green("✓")) + " "
                    + String.format(Locale.ROOT, "%-" + width + "s", o.rule().text()) + "  " + o.observed() + noise);
        }
        long failed = outcomes.stream().filter(FailOn.Outcome::failed).count();
        out.println();
        out.println("  " + (failed == 0 ? style.green("Every --fail-on rule held.")
                : style.red(failed + " of " + outcomes.size() + " --fail-on rules failed.")));
    }

    private String mark(Delta.Mark m) {
        return switch (m) {
            case WORSE -> style.red("✗ worse");
            case BETTER -> style.green("✓ better");
            case NOISE -> style.dim("≈ noise");
            case NONE -> "";
        };
    }

    private String shortMark(Delta.Mark m) {
        return switch (m) {
            case WORSE -> style.red("✗");
            case BETTER -> style.green("✓");
            case NOISE -> style.dim("≈");
            case NONE -> " ";
        };
    }

    private static String plainMark(Delta.Mark m) {
        return m == Delta.Mark.NONE ? " " : "x";
    }
}
