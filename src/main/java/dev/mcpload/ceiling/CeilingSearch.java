package dev.mcpload.ceiling;

import dev.mcpload.engine.LoadEngine;
import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.ErrorClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * The session ceiling: one engine, one JVM, one set of sessions, stepped through rising concurrency
 * ({@link CeilingSettings#sequence()}). Each step holds its sessions for the settle time, then is measured for the
 * hold time on that window's own intervals. A step that breaks the SLO is repeated once before the search believes
 * it: if the repeat holds the SLO, the first was noise and the search goes on; if it breaks it too, the search
 * stops. The ceiling is the largest step that held the SLO.
 *
 * <p>The SLO's error rate is the server's: requests that failed in mcpload itself ({@link ErrorClass#GENERATOR}: out
 * of memory, out of file descriptors) are left out of it. But a step with any of them did not apply the load it
 * names, so it fails, is not repeated (the generator would give out again), and the search stops saying that the
 * limit found is the generator's, not the server's: the ceiling is then the last step that held, a lower bound.
 */
public final class CeilingSearch {
    private final LoadEngine engine;
    private final CeilingSettings settings;
    private final Consumer<StepMeasure> onStep;
    private final boolean modern;
    private long lastEndMs;

    /** @param engine a started engine with a closed-model plan; the search sets its target */
    public CeilingSearch(LoadEngine engine, CeilingSettings settings, Consumer<StepMeasure> onStep) {
        this(engine, settings, false, onStep);
    }

    /**
     * @param modern the server speaks 2026-07-28: the steps are concurrent clients (no sessions), and the verdicts
     *               say so
     */
    public CeilingSearch(LoadEngine engine, CeilingSettings settings, boolean modern, Consumer<StepMeasure> onStep) {
        this.engine = engine;
        this.settings = settings;
        this.onStep = onStep;
        this.modern = modern;
    }

    public CeilingResult run() {
        List<StepMeasure> all = new ArrayList<>();
        List<StepMeasure> judged = new ArrayList<>(); // one per session count: the last attempt
        String stop = "every step up to --max-sessions held the SLO";
        int ceiling = 0;
        StepMeasure broke = null;
        steps:
        for (int sessions : settings.sequence()) {
            for (int attempt = 1; attempt <= 2; attempt++) {
                Optional<StepMeasure> m = step(sessions, attempt);
                if (m.isEmpty()) {
                    stop = "interrupted";
                    break steps;
                }
                all.add(m.get());
                onStep.accept(m.get());
                if (m.get().passed()) {
                    judged.add(m.get());
                    ceiling = sessions;
                    break; // a passing repeat means the failure before it was noise
                }
                if (m.get().generatorErrors() > 0) { // mcpload gave out, not the server: a repeat would too
                    judged.add(m.get());
                    broke = m.get();
                    stop = "mcpload itself gave out at " + sessions + (modern ? " clients" : " sessions") + " ("
                            + m.get().generatorErrors() + " generator errors: out of memory or file descriptors),"
                            + " the generator's limit, not the server's: the server held "
                            + (ceiling > 0 ? "at least " + ceiling : "no step before it")
                            + "; raise ulimit -n or -Xmx, or run fewer per mcpload process";
                    break steps;
                }
                if (attempt == 2) {
                    judged.add(m.get());
                    broke = m.get();
                    stop = "the SLO broke at " + sessions + (modern ? " clients" : " sessions")
                            + ", confirmed by a repeat";
                    break steps;
                }
            }
        }
        StepMeasure base = judged.isEmpty() ? null : judged.get(0);
        StepMeasure at = broke != null ? broke : judged.isEmpty() ? null : judged.get(judged.size() - 1);
        Integer knee = Knee.of(judged);
        Integer cliff = cliff(judged);
        int byFraction = Math.max(ceiling > 0 ? 1 : 0, (int) Math.floor(ceiling * settings.triggerFraction()));
        int trigger = knee != null && knee < byFraction ? knee : byFraction;
        String why = trigger == byFraction
                ? CeilingSettings.percent(settings.triggerFraction()) + " of the ceiling, for headroom to scale out"
                : "the knee, below " + CeilingSettings.percent(settings.triggerFraction()) + " of the ceiling";
        List<String> diagnosis = base == null || at == null ? List.of() : Diagnosis.of(base, at, modern);
        return new CeilingResult(settings.describeSlo(), all, ceiling, knee, cliff, trigger, why, diagnosis, stop);
    }

    /** The first step where errors passed the limit, or where throughput fell by more than 10 % as sessions rose. */
    private Integer cliff(List<StepMeasure> judged) {
        for (int i = 0; i < judged.size(); i++) {
            StepMeasure s = judged.get(i);
            if (s.serverErrorRate() > settings.maxErrorRate()) {
                return s.sessions();
            }
            if (i > 0 && s.requestsPerSec() < 0.9 * judged.get(i - 1).requestsPerSec()) {
                return s.sessions();
            }
        }
        return null;
    }

    private Optional<StepMeasure> step(int sessions, int attempt) {
        if (settings.pauseMs() > 0 && !(attempt == 1 && lastEndMs == 0)) {
            engine.setTarget(0);
            if (!holdUntil(lastEndMs + settings.pauseMs(), null)) {
                return Optional.empty();
            }
        }
        engine.setTarget(sessions);
        long measureFrom = lastEndMs + settings.settleMs();
        List<Interval> window = new ArrayList<>();
        if (!holdUntil(measureFrom + settings.holdMs(), i -> {
            if (i.startMs() >= measureFrom) {
                window.add(i);
            }
        })) {
            return Optional.empty();
        }
        return Optional.of(measure(sessions, attempt, window));
    }

    /** Takes intervals until one ends at or after {@code endMs}; false when the run ended (a stop). */
    private boolean holdUntil(long endMs, Consumer<Interval> each) {
        while (lastEndMs < endMs) {
            Optional<Interval> i = engine.awaitInterval();
            if (i.isEmpty()) {
                return false;
            }
            lastEndMs = i.get().endMs();
            if (each != null) {
                each.accept(i.get());
            }
        }
        return true;
    }

    private StepMeasure measure(int sessions, int attempt, List<Interval> window) {
        double secs = window.isEmpty() ? 0
                : (window.get(window.size() - 1).endMs() - window.get(0).startMs()) / 1000.0;
        Map<MetricKey, KeyTotals> totals = Interval.sum(window);
        Histogram corrected = Latencies.newHistogram();
        Histogram raw = Latencies.newHistogram();
        long requests = 0;
        long failed = 0;
        long operations = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (KeyTotals t : totals.values()) {
            requests += t.requests();
            failed += t.errorCount();
            t.errors().forEach((c, n) -> errors.merge(c.label(), n, Long::sum));
            if (!t.key().equals(MetricKey.INITIALIZE)) {
                corrected.add(t.corrected());
                raw.add(t.raw());
                operations += t.requests();
            }
        }
        CorrectedLatency latency = new CorrectedLatency(corrected, raw);
        KeyTotals init = totals.get(MetricKey.INITIALIZE);
        double initP99 = init == null || init.successes() == 0 ? 0 : Latencies.percentileMs(init.raw(), 99);
        long opened = window.stream().mapToLong(i -> i.events().sessionsOpened()).sum();
        double errorRate = requests == 0 ? 0 : (double) failed / requests;
        long ours = errors.getOrDefault(ErrorClass.GENERATOR.label(), 0L); // judged apart: not the server's
        double serverErrorRate = requests - ours <= 0 ? 0 : (double) (failed - ours) / (requests - ours);
        double p50 = latency.percentileMs(50);
        double p95 = latency.percentileMs(95);
        double p99 = latency.percentileMs(99);
        String verdict = verdict(p95, p99, serverErrorRate, latency.count(), ours);
        return new StepMeasure(sessions, attempt, secs, requests, secs > 0 ? operations / secs : 0, p50, p95, p99,
                initP99, errorRate, errors, secs > 0 ? opened / secs : 0, verdict.isEmpty(),
                verdict.isEmpty() ? "within the SLO" : verdict);
    }

    /**
     * @param errorRate the server's error rate (the generator's failures left out)
     * @param ours      requests that failed in mcpload itself: the step did not apply its load, so it cannot pass
     */
    private String verdict(double p95, double p99, double errorRate, long successes, long ours) {
        List<String> broken = new ArrayList<>();
        if (ours > 0) {
            broken.add("mcpload itself failed " + ours + " requests (generator: out of memory or file descriptors,"
                    + " not the server)");
        }
        if (successes == 0) {
            broken.add("no request succeeded");
        }
        if (!Double.isNaN(settings.sloP99Ms()) && p99 > settings.sloP99Ms()) {
            broken.add(String.format(java.util.Locale.ROOT, "p99 %.1f ms > %s", p99,
                    CeilingSettings.ms(settings.sloP99Ms())));
        }
        if (!Double.isNaN(settings.sloP95Ms()) && p95 > settings.sloP95Ms()) {
            broken.add(String.format(java.util.Locale.ROOT, "p95 %.1f ms > %s", p95,
                    CeilingSettings.ms(settings.sloP95Ms())));
        }
        if (errorRate > settings.maxErrorRate()) {
            broken.add(String.format(java.util.Locale.ROOT, "errors %.2f%% > %s", errorRate * 100,
                    CeilingSettings.percent(settings.maxErrorRate())));
        }
        return String.join(", ", broken);
    }
}
