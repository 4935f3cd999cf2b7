package dev.mcpload.result;

import dev.mcpload.ceiling.CeilingResult;
import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.metrics.ServerRequests;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.threshold.Observed;
import dev.mcpload.threshold.ThresholdResult;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one model of a finished (or interrupted) run. Every report renders from it and nothing else: the
 * summary, the JSON report, later HTML, thresholds and comparisons. It keeps whole histograms, so any
 * percentile can be recomputed and shards can be merged exactly.
 *
 * <p>The headline counts ({@link #requests()}, {@link #errors()}, {@link #errorRate()}, {@link #throughput()})
 * cover every request mcpload sent, as in k6: the scenario's operations and session setup ({@code initialize}),
 * which fails like any other request. Latency ({@link #latency()}) covers the scenario's operations only;
 * {@code initialize} latency is reported apart ({@link #initialize()}).
 *
 * @param configAsRun        the settings, scenario and stages as they ran (secrets already redacted)
 * @param stopReason         {@code completed}, {@code iterations}, {@code interrupted}, {@code aborted} (by a threshold), or {@code stopped} (by the driver of a stepped engine)
 * @param breakingPointJudged false when the run was too short for the detector's window
 * @param samples            each interval's headline figures (a view of {@code intervals}, kept for the time series)
 * @param intervals          every interval as measured, encoded: any window's figures are their exact sum
 * @param ceiling            what {@code mcpload ceiling} found, when it ran
 * @param thresholds         the thresholds as judged on this result, in the order configured (empty without)
 */
public record RunResult(String target, String transport, ServerInfo server, ObjectNode configAsRun,
                        Instant startedAt, Instant endedAt, long elapsedMs, int maxVus, int stageCount,
                        Map<MetricKey, KeyTotals> totals, List<Sample> samples, Optional<BreakingPoint> breakingPoint,
                        boolean breakingPointJudged, Counters counters, List<ErrorExamples.Example> errorExamples,
                        String stopReason, List<EncodedInterval> intervals, Optional<CeilingResult> ceiling,
                        List<ThresholdResult> thresholds) {
    public RunResult {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /** This result with what the ceiling search found. */
    public RunResult withCeiling(CeilingResult c) {
        return new RunResult(target, transport, server, configAsRun, startedAt, endedAt, elapsedMs, maxVus, stageCount,
                totals, samples, breakingPoint, breakingPointJudged, counters, errorExamples, stopReason, intervals,
                Optional.of(c), thresholds);
    }

    /**
     * This result with its thresholds judged; when one of them stopped the run ({@code abort_on_fail}), the stop
     * reason becomes {@code aborted}.
     */
    public RunResult withThresholds(List<ThresholdResult> judged) {
        String reason = judged.stream().anyMatch(ThresholdResult::abortedRun) ? "aborted" : stopReason;
        return new RunResult(target, transport, server, configAsRun, startedAt, endedAt, elapsedMs, maxVus, stageCount,
                totals, samples, breakingPoint, breakingPointJudged, counters, errorExamples, reason, intervals,
                ceiling, judged);
    }

    /** What thresholds are judged on: the whole run's totals. */
    public Observed observed() {
        return new Observed(totals, elapsedMs, counters.droppedIterations(),
                ceiling.map(CeilingResult::ceiling).orElse(null));
    }

    /** Whether every threshold held (true without thresholds). */
    public boolean thresholdsPassed() {
        return thresholds.stream().allMatch(ThresholdResult::passed);
    }

    /** What the server said about itself in its first initialize result. */
    public record ServerInfo(String name, String version, String protocolVersion) {
        public static final ServerInfo UNKNOWN = new ServerInfo("", "", "");
    }

    /**
     * Session-level counts of the run.
     *
     * @param peakSessionsHeld the most sessions held (initialized, not closed) at once
     * @param serverRequests   what the server asked of its clients, by method (since report 1.7)
     * @param streamsFailed    event streams (GET stream, subscriptions/listen) that could not be opened (1.9)
     * @param streamFailure    why the first of them could not, or null
     */
    public record Counters(long sessionsOpened, long sessionsClosed, long sessionReinits, long notifications,
                           long lateResponses, int peakSessionsHeld, long droppedIterations,
                           dev.mcpload.metrics.SessionLengths sessionLengths,
                           Map<String, ServerRequests.Count> serverRequests, long streamsFailed,
                           String streamFailure) {
        /** Counters of a run whose streams all opened (or that had none). */
        public Counters(long sessionsOpened, long sessionsClosed, long sessionReinits, long notifications,
                        long lateResponses, int peakSessionsHeld, long droppedIterations,
                        dev.mcpload.metrics.SessionLengths sessionLengths,
                        Map<String, ServerRequests.Count> serverRequests) {
            this(sessionsOpened, sessionsClosed, sessionReinits, notifications, lateResponses, peakSessionsHeld,
                    droppedIterations, sessionLengths, serverRequests, 0, null);
        }

        /** All server requests, answered or refused. */
        public long serverRequestCount() {
            return serverRequests.values().stream().mapToLong(ServerRequests.Count::received).sum();
        }
    }

    /** Totals of every operation (initialize excluded), by key. */
    public Map<MetricKey, KeyTotals> operations() {
        Map<MetricKey, KeyTotals> ops = new java.util.TreeMap<>(totals);
        ops.remove(MetricKey.INITIALIZE);
        return ops;
    }

    public KeyTotals initialize() {
        return totals.getOrDefault(MetricKey.INITIALIZE, new KeyTotals(MetricKey.INITIALIZE));
    }

    /**
     * Session setup in each stage of a ramp, by stage number (1-based), summed from the intervals: where
     * {@code initialize} latency starts to climb tells whether session setup is the bottleneck. Empty without
     * stages; a stage in which no session was opened has no entry.
     */
    public Map<Integer, KeyTotals> initializeByStage() {
        Map<Integer, Histogram> hist = new java.util.TreeMap<>();
        Map<Integer, Long> ok = new java.util.TreeMap<>();
        Map<Integer, Map<ErrorClass, Long>> errs = new java.util.TreeMap<>();
        if (stageCount > 0) {
            for (EncodedInterval i : intervals) {
                for (EncodedInterval.Key k : i.keys()) {
                    if (k.key().equals(MetricKey.INITIALIZE) && i.stage() > 0) {
                        hist.computeIfAbsent(i.stage(), s -> Latencies.newHistogram()).add(Latencies.decode(k.raw()));
                        ok.merge(i.stage(), k.successes(), Long::sum);
                        Map<ErrorClass, Long> e = errs.computeIfAbsent(i.stage(), s -> new EnumMap<>(ErrorClass.class));
                        k.errors().forEach((c, n) -> e.merge(c, n, Long::sum));
                    }
                }
            }
        }
        Map<Integer, KeyTotals> out = new java.util.TreeMap<>();
        hist.forEach((stage, h) -> out.put(stage, KeyTotals.of(MetricKey.INITIALIZE, h, h, ok.get(stage),
                errs.get(stage))));
        return out;
    }

    /**
     * Sessions held at the end of each interval (concurrent active sessions over time): the running sum of the
     * intervals' sessions opened less closed, so it is exact and needs no gauge of its own.
     */
    public List<Long> sessionsHeld() {
        List<Long> held = new java.util.ArrayList<>(intervals.size());
        long n = 0;
        for (EncodedInterval i : intervals) {
            n += i.events().sessionsOpened() - i.events().sessionsClosed();
            held.add(Math.max(0, n));
        }
        return held;
    }

    /** Latency of all successful operations (initialize apart), corrected and raw. */
    public CorrectedLatency latency() {
        Histogram corrected = Latencies.newHistogram();
        Histogram raw = Latencies.newHistogram();
        operations().values().forEach(t -> {
            corrected.add(t.corrected());
            raw.add(t.raw());
        });
        return new CorrectedLatency(corrected, raw);
    }

    /** Successful requests, session setup included. */
    public long successes() {
        return totals.values().stream().mapToLong(KeyTotals::successes).sum();
    }

    /** Failed requests, failed session setups included. */
    public long errors() {
        return totals.values().stream().mapToLong(KeyTotals::errorCount).sum();
    }

    /** Session setups that failed (a part of {@link #errors()}). */
    public long setupErrors() {
        return initialize().errorCount();
    }

    /** Requests that ended {@code input_required} with no answer configured: counted, neither success nor error. */
    public long inputRequired() {
        return totals.values().stream().mapToLong(KeyTotals::inputRequired).sum();
    }

    /** Round trips beyond the first, of requests that answered the server's input requests from [inputs]. */
    public long roundTrips() {
        return totals.values().stream().mapToLong(KeyTotals::roundTrips).sum();
    }

    /** Every request sent: successes, errors (session setup included) and those left input_required. */
    public long requests() {
        return successes() + errors() + inputRequired();
    }

    public double errorRate() {
        long total = requests();
        return total == 0 ? 0 : (double) errors() / total;
    }

    public double throughput() {
        return elapsedMs <= 0 ? 0 : requests() * 1000.0 / elapsedMs;
    }

    /** Errors by class, failed session setups included. */
    public Map<ErrorClass, Long> errorsByClass() {
        EnumMap<ErrorClass, Long> m = new EnumMap<>(ErrorClass.class);
        totals.values().forEach(t -> t.errors().forEach((c, n) -> m.merge(c, n, Long::sum)));
        return m;
    }

    /** The planned length: the sum of the stages, or settings.duration_secs. */
    public double configDurationSecs() {
        if (configAsRun.path("schedule").has("duration_secs")) {
            return configAsRun.path("schedule").path("duration_secs").asDouble(0);
        }
        var stages = configAsRun.path("stages");
        if (stages.size() > 0) {
            double sum = 0;
            for (var s : stages) {
                sum += s.path("duration_secs").asDouble(0);
            }
            return sum;
        }
        return configAsRun.path("settings").path("duration_secs").asDouble(0);
    }
}
