package dev.mcpload.ceiling;

import dev.mcpload.protocol.ErrorClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bottleneck signatures of the session-centric guide, read from the first step and the step where the SLO broke
 * (or the last one): which percentiles climbed together, whether errors appeared, whether session setup is what
 * slowed. Each rule says what it saw in numbers, so a reader can check it. Errors that were mcpload's own
 * ({@link ErrorClass#GENERATOR}) are never blamed on the server: they get their own line.
 */
public final class Diagnosis {
    private Diagnosis() {
    }

    public static List<String> of(StepMeasure base, StepMeasure at) {
        return of(base, at, false);
    }

    /** @param modern a 2026-07-28 server: steps are concurrent clients, first contact is server/discover */
    public static List<String> of(StepMeasure base, StepMeasure at, boolean modern) {
        String units = modern ? "clients" : "sessions";
        List<String> found = new ArrayList<>();
        double p50 = ratio(at.p50Ms(), base.p50Ms());
        double p95 = ratio(at.p95Ms(), base.p95Ms());
        double p99 = ratio(at.p99Ms(), base.p99Ms());
        double init = ratio(at.initP99Ms(), base.initP99Ms());
        if (at.generatorErrors() > 0) {
            found.add(String.format(Locale.ROOT, "mcpload itself gave out at %d %s (%d generator errors: out of"
                    + " memory or file descriptors): this step measured the load generator, not the server — raise"
                    + " ulimit -n or -Xmx, or spread the load over several mcpload processes", at.sessions(), units,
                    at.generatorErrors()));
        }
        List<String> serverClasses = at.errors().keySet().stream()
                .filter(c -> !c.equals(ErrorClass.GENERATOR.label())).sorted().toList();
        if (at.serverErrorRate() > 0 && !serverClasses.isEmpty()) {
            found.add(String.format(Locale.ROOT, "errors at %d %s (%s, %.1f%% of requests): a connection,"
                    + (modern ? " concurrency" : " session") + " or pool limit — look for the limit the server or its"
                    + " dependencies hit", at.sessions(), units, String.join(", ", serverClasses),
                    at.serverErrorRate() * 100));
        }
        if (at.generatorErrors() > 0) {
            return found; // its latencies are the generator's too (a heap near its limit, sessions missing)
        }
        if (init >= 3 && init >= p99) {
            found.add(String.format(Locale.ROOT, (modern ? "first contact is the bottleneck: server/discover"
                    : "session setup is the bottleneck: initialize") + " p99 %.1f → %.1f ms"
                    + " (×%.1f), faster than tool calls' (×%.1f)", base.initP99Ms(), at.initP99Ms(), init, p99));
        }
        if (p99 >= 3 && p50 < 1.5) {
            found.add(String.format(Locale.ROOT, "head-of-line blocking or event-loop starvation: p99 climbed ×%.1f"
                    + " while p50 stayed flat (×%.1f) — some requests wait behind slow ones; move blocking work off"
                    + " the event loop", p99, p50));
        } else if (p95 >= 2 && p99 >= 2) {
            found.add(String.format(Locale.ROOT, "saturation: p95 and p99 climbed together (×%.1f, ×%.1f; p50 ×%.1f)"
                    + " — CPU, a worker pool or a connection pool is full; profile, then add replicas", p95, p99, p50));
        }
        if (found.isEmpty()) {
            found.add(String.format(Locale.ROOT, "no clear bottleneck signature: p50 ×%.1f, p95 ×%.1f, p99 ×%.1f from"
                    + " %d to %d %s", p50, p95, p99, base.sessions(), at.sessions(), units));
        }
        return found;
    }

    private static double ratio(double now, double before) {
        return before > 0 ? now / before : now > 0 ? Double.POSITIVE_INFINITY : 1;
    }
}
