package dev.mcpload.report;

import dev.mcpload.ceiling.CeilingResult;
import dev.mcpload.ceiling.StepMeasure;
import dev.mcpload.metrics.Durations;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The ceiling search for a person: a line per step as it ends, then the capacity table and what it means. What a
 * step holds depends on the era: legacy servers hold a session per client (a <em>session</em> ceiling); a 2026-07-28
 * server holds none, so the steps are concurrent clients, each with one request in flight at a time (a
 * <em>concurrency</em> ceiling), and the first contact is {@code server/discover}.
 */
public final class CeilingPrinter {
    private final PrintStream out;
    private final Style style;
    private final boolean modern;
    private final String units;

    public CeilingPrinter(PrintStream out, Style style) {
        this(out, style, false);
    }

    /** @param modern the server spoke 2026-07-28: steps are concurrent clients, not sessions */
    public CeilingPrinter(PrintStream out, Style style, boolean modern) {
        this.out = out;
        this.style = style;
        this.modern = modern;
        this.units = modern ? "clients" : "sessions";
    }

    /** What the search measures, for its first line: "session ceiling" or "concurrency ceiling". */
    public static String title(boolean modern) {
        return modern ? "concurrency ceiling (concurrent clients, one request in flight each; 2026-07-28 holds no"
                + " session)" : "session ceiling";
    }

    /** One step, as soon as it is judged. */
    public void step(StepMeasure s) {
        String mark = s.passed() ? style.green("ok  ") : style.red("FAIL");
        out.println(String.format(Locale.ROOT, "  %s %5d %s%s  %8.1f req/s  p50=%s p95=%s p99=%s  errors %s  %s",
                mark, s.sessions(), units, s.attempt() > 1 ? " (repeat)" : "         ", s.requestsPerSec(),
                Durations.ms(s.p50Ms()), Durations.ms(s.p95Ms()), Durations.ms(s.p99Ms()),
                Rates.percent(s.errorRate()), s.passed() ? "" : style.dim(s.verdict())));
    }

    /** The capacity table, the ceiling, knee, cliff, recommendation and diagnosis. */
    public void print(CeilingResult r) {
        out.println();
        out.println("  Capacity (" + r.slo() + "; each step judged on its own window):");
        out.println();
        out.println(String.format(Locale.ROOT, "  %8s %10s %9s %9s %9s %11s %8s %11s  %s", units, "req/s", "p50",
                "p95", "p99", modern ? "disc. p99" : "init p99", "error %", units + "/s", ""));
        out.println("  " + "─".repeat(94));
        for (StepMeasure s : r.steps()) {
            out.println(String.format(Locale.ROOT, "  %8d %10.1f %9s %9s %9s %11s %8s %11.2f  %s", s.sessions(),
                    s.requestsPerSec(), Durations.ms(s.p50Ms()), Durations.ms(s.p95Ms()), Durations.ms(s.p99Ms()),
                    s.initP99Ms() > 0 ? Durations.ms(s.initP99Ms()) : "–", Rates.percent(s.errorRate()),
                    s.sessionsPerSec(), s.passed() ? style.green("within") : style.red(s.verdict())
                            + (s.attempt() > 1 ? " (repeat)" : "")));
        }
        out.println();
        out.println("  " + style.bold((modern ? "Concurrency ceiling: " : "Session ceiling: ") + (r.ceiling() > 0
                ? r.ceiling() + " " + units
                : "none — even the first step broke the SLO")) + style.dim("  (" + r.stopReason() + ")"));
        out.println("  Knee:  " + (r.knee() != null ? r.knee() + " " + units + " (p99 grows faster than linearly"
                + " after it; Kneedle on p99 vs " + units + ")" : "none seen (p99 grew about linearly)"));
        out.println("  Cliff: " + (r.cliff() != null ? r.cliff() + " " + units + " (errors past the limit or throughput"
                + " falling)" : "none seen"));
        out.println();
        for (String d : r.diagnosis()) {
            out.println("  Diagnosis: " + d);
        }
        if (r.trigger() > 0) {
            out.println();
            String gauge = modern ? "mcp_inflight_requests" : "mcp_active_sessions";
            out.println("  " + style.bold("Scale out at " + r.trigger() + " " + units + " per instance") + " ("
                    + r.triggerWhy() + "). With your server exporting its " + (modern ? "requests in flight"
                    : "open sessions") + " as a gauge (here " + gauge + "):");
            out.println();
            out.println("    # Kubernetes HPA (autoscaling/v2), in spec.metrics");
            out.println("    - type: Pods");
            out.println("      pods:");
            out.println("        metric: { name: " + gauge + " }");
            out.println("        target: { type: AverageValue, averageValue: \"" + r.trigger() + "\" }");
            out.println();
            out.println("    # KEDA ScaledObject, in spec.triggers");
            out.println("    - type: prometheus");
            out.println("      metadata:");
            out.println("        query: sum(" + gauge + ")");
            out.println("        threshold: \"" + r.trigger() + "\"");
        }
        out.println();
    }
}
