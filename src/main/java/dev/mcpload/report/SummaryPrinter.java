package dev.mcpload.report;

import dev.mcpload.config.PlanBuilder;
import dev.mcpload.metrics.BreakingPointDetector;
import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.Durations;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.result.RunResult;
import dev.mcpload.threshold.ThresholdResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** Session setup per stage of a ramp: where initialize slows down tells whether setup is the bottleneck. */
    private void initByStage(RunResult r, PrintStream out) {
        var byStage = r.initializeByStage();
        if (byStage.size() < 2) {
            return;
        }
        byStage.forEach((stage, t) -> metric(out, "  stage " + stage + "/" + r.stageCount(), percentiles(t.latency())
                + style.dim("  (" + t.requests() + " handshakes" + (t.errorCount() > 0 ? ", " + t.errorCount()
                + " failed" : "") + ")")));
    }

    /** What the server asked of its clients, and what mcpload refused because the config declares no such capability. */
    private void serverRequests(RunResult.Counters c, PrintStream out) {
        if (c.serverRequests().isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder();
        long refused = 0;
        for (var e : c.serverRequests().entrySet()) {
            line.append(line.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().received());
            refused += e.getValue().refused();
        }
        metric(out, "mcp_server_requests", line + (refused == 0 ? style.dim("  (all answered)")
                : "  " + style.yellow(refused + " refused") + style.dim(" (method not found: [session]"
                + " client_capabilities does not declare them)")));
    }

    /**
     * 2026-07-28 multi round-trip requests: those left {@code input_required} (counted in mcp_req_total, neither
     * success nor error), by key, and the extra round trips of those answered from {@code [inputs]}.
     */
    private void inputRequired(RunResult r, PrintStream out) {
        if (r.inputRequired() > 0) {
            String byKey = r.operations().values().stream().filter(t -> t.inputRequired() > 0)
                    .map(t -> t.key().label() + " " + t.inputRequired()).collect(java.util.stream.Collectors.joining(", "));
            metric(out, "mcp_req_input_required", style.yellow(Long.toString(r.inputRequired())) + "  (" + byKey + ")"
                    + style.dim("  left waiting for input [inputs] does not answer: neither success nor error"));
        }
        if (r.roundTrips() > 0) {
            metric(out, "mcp_req_round_trips", r.roundTrips() + " more, answering the server's input requests"
                    + " from [inputs]" + style.dim("  (latency covers every round trip of a request)"));
        }
    }

    public void print(RunResult r, String targetNote, PrintStream out) {
        out.println();
        header(r, targetNote, out);
        out.println();
        CorrectedLatency lat = r.latency();
        metric(out, "mcp_req_duration", percentiles(lat));
        metric(out, "mcp_req_success_count", Long.toString(r.successes()));
        metric(out, "mcp_req_error_count", Long.toString(r.errors())
                + (r.setupErrors() > 0 ? style.dim("  (" + r.setupErrors() + " in session setup)") : ""));
        metric(out, "mcp_req_error_rate", pct(r.errorRate()));
        inputRequired(r, out);
        metric(out, "mcp_req_throughput", String.format(Locale.ROOT, "%.1f req/s", r.throughput()));
        metric(out, "mcp_req_total", Long.toString(r.requests()));
        metric(out, "mcp_req_elapsed", String.format(Locale.ROOT, "%.1fs", r.elapsedMs() / 1000.0));
        out.println();
        metric(out, "mcp_req_duration_raw", percentiles(new CorrectedLatency(lat.raw(), lat.raw()))
                + style.dim("  (uncorrected)"));
        KeyTotals init = r.initialize();
        metric(out, "mcp_init_duration", percentiles(init.latency())
                + (init.errorCount() > 0 ? "  " + style.red("errors=" + init.errorCount()) + " of "
                + init.requests() : "") + (modern(r) ? style.dim("  (server/discover: 2026-07-28 has no initialize)")
                : ""));
        initByStage(r, out);
        RunResult.Counters c = r.counters();
        metric(out, "mcp_sessions", (modern(r) ? c.sessionsOpened() + " client contexts"
                + style.dim(" (2026-07-28 holds no session on the server: one server/discover first contact each)")
                : c.sessionsOpened() + " opened, " + c.sessionReinits() + " re-initialized")
                + (c.notifications() > 0 ? ", " + c.notifications() + " notifications" : "")
                + (c.streamsFailed() > 0 ? ", " + style.red(c.streamsFailed() + " event streams could not open")
                + style.dim(" (first: " + c.streamFailure() + ")") : ""));
        serverRequests(c, out);
        var lengths = c.sessionLengths();
        if (lengths.ended() > c.peakSessionsHeld() && lengths.ended() > 0) { // sessions churned: say how long they were
            metric(out, "mcp_session_duration", String.format(Locale.ROOT, "p50=%s  p95=%s  max=%s  %.1f calls per"
                    + " session (max %d), %d sessions ended", Durations.ms(lengths.durationP50Ms()),
                    Durations.ms(lengths.durationP95Ms()), Durations.ms(lengths.durationMaxMs()), lengths.callsMean(),
                    lengths.callsMax(), lengths.ended()));
        }
        if (c.droppedIterations() > 0) {
            metric(out, "dropped_iterations", style.red(c.droppedIterations() + " iterations found no free VU and"
                    + " were not sent") + style.dim("  (raise max_vus: the server's latency needs more)"));
        }
        errors(r, out);
        perTool(r, out);
        new ThresholdsPrinter(style).print(r.thresholds(), out);
        out.println();
        out.println("  " + breakingPointLine(r));
        if ("interrupted".equals(r.stopReason())) {
            out.println("  " + style.yellow("Interrupted: the figures cover the " + String.format(Locale.ROOT,
                    "%.1fs", r.elapsedMs() / 1000.0) + " that ran."));
        }
        r.thresholds().stream().filter(ThresholdResult::abortedRun).findFirst().ifPresent(t -> out.println("  "
                + style.red("Aborted by the threshold " + t.threshold().target() + " '" + t.threshold().expression()
                + "' (abort_on_fail): the figures cover the " + String.format(Locale.ROOT, "%.1fs",
                r.elapsedMs() / 1000.0) + " that ran.")));
        out.println();
    }

    private String breakingPointLine(RunResult r) {
        long ours = r.errorsByClass().getOrDefault(ErrorClass.GENERATOR, 0L);
        String apart = ours == 0 ? "" : style.dim("  (the " + ours + " generator errors, mcpload's own, are not held"
                + " against the server)");
        if (r.breakingPoint().isPresent()) {
            return style.yellow(r.breakingPoint().get().describe()) + apart;
        }
        if (!r.breakingPointJudged()) {
            return style.dim(String.format(Locale.ROOT, "Breaking point: too short to judge (the detector compares"
                    + " the two halves of a %ds window; this run had %.1fs).",
                    BreakingPointDetector.DEFAULT_WINDOW_SIZE * PlanBuilder.SAMPLE_INTERVAL_MS / 1000,
                    r.elapsedMs() / 1000.0));
        }
        return style.dim("No breaking point detected.") + apart;
    }

    /** "10", or "10 wanted, at most 5 held a session" when the server did not carry them all. */
    static String vus(RunResult r) {
        int held = r.counters().peakSessionsHeld();
        return held >= r.maxVus() ? Integer.toString(r.maxVus())
                : r.maxVus() + " wanted, at most " + held + " held a session";
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
            "vus:       " + vus(r) + stages,
            "duration:  " + duration + (r.configAsRun().path("iterations").asLong(0) > 0
                    ? ", at most " + Plural.of(r.configAsRun().path("iterations").asLong(), "request") : ""),
            "scenarios: " + Plural.of(steps, "step"),
        };
        for (int i = 0; i < art.length; i++) {
            out.println(style.cyan(art[i]) + text[i]);
        }
    }

    /** Beside the generator's count: whose failures they are (mcpload's own, never the server's). */
    static final String GENERATOR_NOTE = "the generator's, not the server's: mcpload itself ran out of memory or"
            + " file descriptors";

    private void errors(RunResult r, PrintStream out) {
        Map<ErrorClass, Long> byClass = r.errorsByClass();
        if (byClass.isEmpty()) {
            return;
        }
        out.println();
        out.println("  errors:");
        byClass.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> {
                    long setup = r.initialize().errors().getOrDefault(e.getKey(), 0L);
                    out.println("    " + dots(e.getKey().label(), DOTS - 2) + ": "
                            + style.red(Long.toString(e.getValue()))
                            + (setup > 0 ? style.dim("  (" + setup + " in session setup)") : "")
                            + (e.getKey().isGenerator() ? style.dim("  (" + GENERATOR_NOTE + ")") : ""));
                });
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
        KeyTotals init = r.initialize();
        if (init.requests() > 0) {
            rows.add(init); // session setup, last: so the rows add up to mcp_req_total
        }
        double secs = Math.max(r.elapsedMs(), 1) / 1000.0;
        for (KeyTotals t : rows) {
            double err = t.requests() == 0 ? 0 : (double) t.errorCount() / t.requests();
            CorrectedLatency l = t.latency();
            out.println(String.format(Locale.ROOT, "  %-30s %8d %7.1f/s %6s %8s %8s %8s",
                    shortenMiddle(t == init && modern(r) ? FIRST_DISCOVER : rowName(t.key()), 30),
                    t.requests(), t.requests() / secs, Rates.percent(err),
                    cell(l, 50), cell(l, 95), cell(l, 99)));
        }
    }

    /** The modern era's setup row: each client's first discover, apart from a refresh's ([session] discover). */
    private static final String FIRST_DISCOVER = McpMethods.SERVER_DISCOVER + ", first contact";

    /** Whether the run spoke the modern era, whose first contact (the setup row) is server/discover. */
    private static boolean modern(RunResult r) {
        return ProtocolVersions.isModern(r.server().protocolVersion());
    }

    /**
     * Every threshold with ✓ or ✗, what it asked and what was observed, as k6 shows them; then how many failed.
     * A threshold that judged nothing (no latency recorded, no request sent) failed and says so.
     */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** A percentile, or "–" when no request succeeded (a row of errors has no latency, not 0 ms). */
    static String cell(CorrectedLatency l, double percentile) {
        return l.count() == 0 ? "–" : Durations.ms(l.percentileMs(percentile));
    }

    /**
     * Long names (resource URIs above all) keep their start and their end, which is where two URIs differ:
     * {@code file:///data/reports/2026/q1.csv} and {@code .../q2.csv} must stay two readable rows.
     */
    static String shortenMiddle(String s, int n) {
        if (s.length() <= n) {
            return s;
        }
        int tail = (n - 1) / 2;
        int head = n - 1 - tail;
        return s.substring(0, head) + "…" + s.substring(s.length() - tail);
    }

    /** Tools by their name (as the chapter shows them); other operations with their type first. */
    static String rowName(MetricKey key) {
        if (key.operation().equals("tools/call")) {
            return key.workload().isEmpty() ? key.name() : key.name() + " [" + key.workload() + "]";
        }
        return key.label();
    }

    private void metric(PrintStream out, String name, String value) {
        out.println("  " + dots(name, DOTS) + ": " + value);
    }

    private static String dots(String name, int width) {
        return name.length() >= width ? name : name + ".".repeat(width - name.length());
    }

    static String percentiles(CorrectedLatency l) {
        return "p50=" + cell(l, 50) + "  p95=" + cell(l, 95) + "  p99=" + cell(l, 99);
    }

    static String pct(double rate) {
        return Rates.percent(rate);
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
