package dev.mcpload.report;

import dev.mcpload.metrics.Durations;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.result.RunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The k6-style end-of-test summary, laid out as the loadtest chapter shows it (same metric names, same order),
 * followed by what mcpload adds: raw next to corrected percentiles, initialize latency, sessions, the breaking
 * point, and an example message for each error class.
 */
public final class SummaryPrinter {
    private static final int DOTS = 28;

    private final Style style;

    public SummaryPrinter(Style style) {
        this.style = style;
    }

    public void print(RunResult r, String targetNote, PrintStream out) {
        out.println();
        header(r, targetNote, out);
        out.println();
        Histogram lat = r.latency();
        Histogram raw = r.rawLatency();
        metric(out, "mcp_req_duration", percentiles(lat));
        metric(out, "mcp_req_success_count", Long.toString(r.successes()));
        metric(out, "mcp_req_error_count", Long.toString(r.errors()));
        metric(out, "mcp_req_error_rate", pct(r.errorRate()));
        metric(out, "mcp_req_throughput", String.format(Locale.ROOT, "%.1f req/s", r.throughput()));
        metric(out, "mcp_req_total", Long.toString(r.requests()));
        metric(out, "mcp_req_elapsed", String.format(Locale.ROOT, "%.1fs", r.elapsedMs() / 1000.0));
        out.println();
        metric(out, "mcp_req_duration_raw", percentiles(raw) + style.dim("  (uncorrected)"));
        KeyTotals init = r.initialize();
        metric(out, "mcp_init_duration", percentiles(init.corrected())
                + (init.errorCount() > 0 ? "  errors=" + init.errorCount() : ""));
        RunResult.Counters c = r.counters();
        metric(out, "mcp_sessions", c.sessionsOpened() + " opened, " + c.sessionReinits() + " re-initialized"
                + (c.notifications() > 0 ? ", " + c.notifications() + " notifications" : ""));
        errors(r, out);
        perTool(r, out);
        r.breakingPoint().ifPresentOrElse(
                bp -> out.println("\n  " + style.yellow(bp.describe())),
                () -> out.println("\n  " + style.dim("No breaking point detected.")));
        if ("interrupted".equals(r.stopReason())) {
            out.println("  " + style.yellow("Interrupted: the figures cover the " + String.format(Locale.ROOT,
                    "%.1fs", r.elapsedMs() / 1000.0) + " that ran."));
        }
        out.println();
    }

    private void header(RunResult r, String targetNote, PrintStream out) {
        String target = r.target() + (targetNote == null ? "" : " " + style.dim(targetNote));
        String duration = String.format(Locale.ROOT, "%ds", Math.round(r.configDurationSecs()));
        String stages = r.stageCount() > 0 ? " (" + r.stageCount() + " stages)" : "";
        int steps = r.configAsRun().path("scenario").size();
        String[] art = {
            "          /\\      |  ",
            "         /  \\     |  ",
            "    /\\  /    \\    |  ",
            "   /  \\/      \\   |  ",
            "  /    \\       \\  |  ",
            " /      \\       \\ |  ",
        };
        String[] text = {
            style.bold("mcpload"),
            "",
            "target:    " + target,
            "vus:       " + r.maxVus() + stages,
            "duration:  " + duration + (r.configAsRun().path("iterations").asLong(0) > 0
                    ? ", at most " + r.configAsRun().path("iterations").asLong() + " requests" : ""),
            "scenarios: " + steps + (steps == 1 ? " step" : " steps"),
        };
        for (int i = 0; i < art.length; i++) {
            out.println(style.cyan(art[i]) + text[i]);
        }
    }

    private void errors(RunResult r, PrintStream out) {
        Map<ErrorClass, Long> byClass = r.errorsByClass();
        if (byClass.isEmpty()) {
            return;
        }
        out.println();
        out.println("  errors:");
        byClass.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.println("    " + dots(e.getKey().label(), DOTS - 2) + ": "
                        + style.red(Long.toString(e.getValue()))));
        List<ErrorExamples.Example> examples = r.errorExamples();
        if (!examples.isEmpty()) {
            out.println("  first errors seen:");
            for (ErrorExamples.Example e : examples) {
                out.println("    " + style.dim("[" + e.errorClass().label() + "] " + e.operation() + ": ")
                        + truncate(e.message(), 160));
            }
        }
    }

    private void perTool(RunResult r, PrintStream out) {
        Map<MetricKey, KeyTotals> ops = r.operations();
        if (ops.isEmpty()) {
            return;
        }
        out.println();
        out.println("  per-tool metrics:");
        out.println();
        out.println(String.format(Locale.ROOT, "  %-30s %8s %9s %6s %8s %8s %8s", "tool", "reqs", "rate", "err%",
                "p50", "p95", "p99"));
        out.println("  " + "─".repeat(83));
        List<KeyTotals> rows = new ArrayList<>(ops.values());
        for (KeyTotals t : rows) {
            double secs = Math.max(r.elapsedMs(), 1) / 1000.0;
            double err = t.requests() == 0 ? 0 : (double) t.errorCount() / t.requests();
            out.println(String.format(Locale.ROOT, "  %-30s %8d %7.1f/s %5.1f%% %8s %8s %8s",
                    truncate(rowName(t.key()), 30), t.requests(), t.requests() / secs, err * 100,
                    Durations.ms(Latencies.percentileMs(t.corrected(), 50)),
                    Durations.ms(Latencies.percentileMs(t.corrected(), 95)),
                    Durations.ms(Latencies.percentileMs(t.corrected(), 99))));
        }
    }

    /** Tools by their name (as the chapter shows them); other operations with their type first. */
    static String rowName(MetricKey key) {
        if (key.operation().equals("tools/call")) {
            return key.name();
        }
        return key.label();
    }

    private void metric(PrintStream out, String name, String value) {
        out.println("  " + dots(name, DOTS) + ": " + value);
    }

    private static String dots(String name, int width) {
        return name.length() >= width ? name : name + ".".repeat(width - name.length());
    }

    static String percentiles(Histogram h) {
        return "p50=" + Durations.ms(Latencies.percentileMs(h, 50)) + "  p95=" + Durations.ms(
                Latencies.percentileMs(h, 95)) + "  p99=" + Durations.ms(Latencies.percentileMs(h, 99));
    }

    static String pct(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
