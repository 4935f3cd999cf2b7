package dev.mcpload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mcpload.ceiling.CeilingResult;
import dev.mcpload.ceiling.StepMeasure;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.threshold.Threshold;
import dev.mcpload.threshold.ThresholdParser;
import dev.mcpload.threshold.ThresholdResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * The JSON report as types: what {@code mcpload run} writes and what {@link ReportReader} reads back into a
 * {@link RunResult}. Jackson writes these records field by field, in declaration order, with snake_case names
 * ({@link ReportReader#MAPPER}); every field is described in {@code docs/report.schema.json}. Field names follow
 * the loadtest chapter ({@code schema_version}, {@code metrics.latency.p99_ms}, {@code breaking_point.*}) so
 * existing jq scripts keep working.
 *
 * <p>Two kinds of fields: the measured ones (histograms, counts, the encoded intervals, the config as run), from
 * which a run is rebuilt exactly, and the derived ones (percentiles, rates) that are there for people and jq and
 * are recomputed, never trusted, when a report is read back.
 */
public record ReportDocument(String schemaVersion, String generator, String target, String transport,
                             Server server, String startedAt, String endedAt, String stopReason, JsonNode config,
                             Metrics metrics, List<Row> perOperation, List<Row> perTool,
                             BreakingPointPart breakingPoint,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ThresholdPart> thresholds,
                             List<Example> errorExamples, List<Point> timeseries,
                             List<IntervalPart> intervals,
                             @JsonInclude(JsonInclude.Include.NON_NULL) CeilingPart ceiling) {
    /**
     * 1.4: intervals (encoded per key), metrics.stage_count; initialize is no longer corrected. 1.5: dropped
     * iterations in the time series and intervals, sessions opened and closed per interval. 1.6: flows, per, the
     * workload of rows and keys. 1.7: metrics.server_requests, metrics.initialize.by_stage. 1.8: thresholds.
     * 1.9: server.era; input_required and round_trips (2026-07-28 multi round-trip requests) in metrics, rows and
     * interval keys, absent when zero.
     */
    public static final String SCHEMA_VERSION = "1.9";

    /**
     * One threshold as judged (1.8): what it names, the expression in canonical spelling, where it was written,
     * the value observed (absent when there was nothing to observe, which fails) and whether it held.
     */
    public record ThresholdPart(String metric, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags,
                                String expression, String source, boolean abortOnFail, long delayAbortEvalMs,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Double observed, String observedText,
                                boolean passed, boolean abortedRun) {
        static ThresholdPart of(ThresholdResult r) {
            Threshold t = r.threshold();
            return new ThresholdPart(t.metric(), t.tags(), t.expression(), t.source(), t.abortOnFail(),
                    t.delayAbortEvalMs(), r.observed() == null ? null : round(r.observed(), 6), r.observedText(),
                    r.passed(), r.abortedRun());
        }

        ThresholdResult toResult() {
            Threshold parsed = ThresholdParser.parse(metric, expression, source, abortOnFail, delayAbortEvalMs);
            Threshold t = new Threshold(parsed.metric(), tags == null ? Map.of() : tags, parsed.aggregation(),
                    parsed.comparison(), parsed.value(), source, abortOnFail, delayAbortEvalMs);
            return new ThresholdResult(t, observed, passed, abortedRun);
        }
    }

    /** @param era modern or legacy, as the protocol version says (1.9; absent in older reports) */
    public record Server(String name, String version, String protocolVersion,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String era) {
        static Server of(RunResult.ServerInfo s) {
            ProtocolEra era = ProtocolEra.of(s.protocolVersion());
            return new Server(s.name(), s.version(), s.protocolVersion(), era == null ? null : era.label());
        }
    }

    public record Metrics(Latency latency, Latency latencyRaw, long totalRequests, long successCount, long errorCount,
                          double errorRate, double throughputRps, double elapsedSecs, int maxVus, int stageCount,
                          Map<String, Long> errors, Initialize initialize, Sessions sessions, long notifications,
                          long lateResponses, long droppedIterations,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ServerRequestPart> serverRequests,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) long inputRequiredCount,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) long roundTrips) {
    }

    /** Requests the server sent, by method: how many arrived, how many mcpload answered with a result (1.7). */
    public record ServerRequestPart(long received, long answered) {
    }

    /** Session setup in one stage of a ramp (derived from the intervals; 1.7). */
    public record StageInitialize(int stage, long count, long errorCount, Latency latency) {
    }

    /** Session setup: its latency is what clients waited (never corrected), its histogram the measured one. */
    public record Initialize(long count, long successCount, long errorCount, Map<String, Long> errors,
                             Latency latency, byte[] histogram,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StageInitialize> byStage) {
    }

    /** Sessions of the run; {@code ended} and the lengths are over the sessions that ended (since 1.5). */
    public record Sessions(long opened, long closed, long reinitialized, int peakHeld, long ended,
                           double durationP50Ms, double durationP95Ms, double durationMaxMs, double callsMean,
                           long callsMax, @JsonInclude(JsonInclude.Include.NON_DEFAULT) long streamsFailed,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String streamFailure) {
    }

    /** Percentiles as reported everywhere: corrected, never below raw; {@code count} is of real requests. */
    public record Latency(long count, double minMs, double meanMs, double p50Ms, double p90Ms, double p95Ms,
                          double p99Ms, double p999Ms, double maxMs) {
        static Latency of(CorrectedLatency l) {
            return new Latency(l.count(), round(l.minMs(), 3), round(l.meanMs(), 3), round(l.percentileMs(50), 3),
                    round(l.percentileMs(90), 3), round(l.percentileMs(95), 3), round(l.percentileMs(99), 3),
                    round(l.percentileMs(99.9), 3), round(l.maxMs(), 3));
        }

        static Latency of(Histogram raw) {
            return of(new CorrectedLatency(raw, raw));
        }
    }

    /**
     * One operation (per_operation, no name) or one tool/resource/prompt (per_tool); {@code workload} names the
     * workload that sent it when several ran side by side (absent otherwise; per_operation adds them up).
     */
    public record Row(String operation, @JsonInclude(JsonInclude.Include.NON_NULL) String name,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String workload, long requests,
                      long successCount, long errorCount, double errorRate, double throughputRps,
                      Map<String, Long> errors, Latency latency, Latency latencyRaw, byte[] histogram,
                      byte[] histogramRaw, @JsonInclude(JsonInclude.Include.NON_DEFAULT) long inputRequired,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) long roundTrips) {
        static Row of(KeyTotals t, long elapsedMs, boolean withName) {
            String workload = withName && !t.key().workload().isEmpty() ? t.key().workload() : null;
            return new Row(t.key().operation(), withName ? t.key().name() : null, workload, t.requests(), t.successes(),
                    t.errorCount(), round(t.requests() == 0 ? 0 : (double) t.errorCount() / t.requests(), 6),
                    round(elapsedMs <= 0 ? 0 : t.requests() * 1000.0 / elapsedMs, 3), byLabel(t.errors()),
                    Latency.of(t.latency()), Latency.of(t.raw()), Latencies.encode(t.corrected()),
                    Latencies.encode(t.raw()), t.inputRequired(), t.roundTrips());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BreakingPointPart(boolean detected, boolean judged, Integer vus, String reason, String detail,
                                    String timestamp, Double elapsedSecs) {
    }

    public record Example(@JsonProperty("class") String errorClass, String operation, String message) {
    }

    /** One interval's headline figures (derived from {@link #intervals}, kept for jq and plots). */
    public record Point(double tSecs, double intervalSecs, int vus, long sessions, int targetVus, int stage,
                       long requests, long successCount, long errorCount, double errorRate, long setupErrors,
                       double throughputRps, double p50Ms, double p95Ms, double p99Ms, double p99RawMs, double maxMs,
                       long sessionReinits, long droppedIterations, Map<String, Long> errors) {
        public static Point of(Sample s, long sessions) {
            return new Point(round(s.endMs() / 1000.0, 3), round((s.endMs() - s.startMs()) / 1000.0, 3), s.vus(),
                    sessions, s.targetVus(), s.stage(), s.requests(), s.successes(), s.errorCount(), round(s.errorRate(), 6),
                    s.setupErrors(), round(s.throughput(), 3), round(s.p50Ms(), 3), round(s.p95Ms(), 3),
                    round(s.p99Ms(), 3), round(s.rawP99Ms(), 3), round(s.maxMs(), 3), s.sessionReinits(),
                    s.droppedIterations(), byLabel(s.errors()));
        }
    }

    /** One interval as measured: per key its counts and its raw and corrected histograms (base64, compressed). */
    public record IntervalPart(int index, long startMs, long endMs, long wallClockMs, int vus, int targetVus,
                               int stage, long sessionReinits, long droppedIterations, long sessionsOpened,
                               long sessionsClosed, List<KeyPart> keys) {
        static IntervalPart of(EncodedInterval i) {
            List<KeyPart> keys = i.keys().stream().map(k -> new KeyPart(k.key().operation(), k.key().name(),
                    k.key().workload().isEmpty() ? null : k.key().workload(), k.successes(), byLabel(k.errors()),
                    k.raw(), k.corrected(), k.inputRequired(), k.roundTrips())).toList();
            return new IntervalPart(i.index(), i.startMs(), i.endMs(), i.wallClockMs(), i.vus(), i.targetVus(),
                    i.stage(), i.events().sessionReinits(), i.events().droppedIterations(),
                    i.events().sessionsOpened(), i.events().sessionsClosed(), keys);
        }
    }

    public record KeyPart(String operation, String name,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String workload, long successes,
                          Map<String, Long> errors, byte[] raw, byte[] corrected,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) long inputRequired,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) long roundTrips) {
    }

    private static Map<String, ServerRequestPart> serverRequests(RunResult.Counters c) {
        Map<String, ServerRequestPart> out = new TreeMap<>();
        c.serverRequests().forEach((m, n) -> out.put(m, new ServerRequestPart(n.received(), n.answered())));
        return out;
    }

    private static List<Point> points(RunResult r) {
        List<Long> held = r.sessionsHeld();
        List<Point> points = new ArrayList<>(r.samples().size());
        for (int i = 0; i < r.samples().size(); i++) {
            points.add(Point.of(r.samples().get(i), i < held.size() ? held.get(i) : 0));
        }
        return points;
    }

    /** The report of a run. */
    public static ReportDocument of(RunResult r) {
        CorrectedLatency all = r.latency();
        KeyTotals init = r.initialize();
        RunResult.Counters c = r.counters();
        Metrics metrics = new Metrics(Latency.of(all), Latency.of(all.raw()), r.requests(), r.successes(), r.errors(),
                round(r.errorRate(), 6), round(r.throughput(), 3), round(r.elapsedMs() / 1000.0, 3), r.maxVus(),
                r.stageCount(), byLabel(r.errorsByClass()),
                new Initialize(init.requests(), init.successes(), init.errorCount(), byLabel(init.errors()),
                        Latency.of(init.raw()), Latencies.encode(init.raw()),
                        r.initializeByStage().entrySet().stream().map(e -> new StageInitialize(e.getKey(),
                                e.getValue().requests(), e.getValue().errorCount(), Latency.of(e.getValue().raw())))
                                .toList()),
                new Sessions(c.sessionsOpened(), c.sessionsClosed(), c.sessionReinits(), c.peakSessionsHeld(),
                        c.sessionLengths().ended(), c.sessionLengths().durationP50Ms(),
                        c.sessionLengths().durationP95Ms(), c.sessionLengths().durationMaxMs(),
                        round(c.sessionLengths().callsMean(), 3), c.sessionLengths().callsMax(), c.streamsFailed(),
                        c.streamFailure()),
                c.notifications(), c.lateResponses(), c.droppedIterations(), serverRequests(c), r.inputRequired(),
                r.roundTrips());
        List<Row> perTool = r.operations().values().stream().map(t -> Row.of(t, r.elapsedMs(), true)).toList();
        BreakingPointPart bp = r.breakingPoint()
                .map(b -> new BreakingPointPart(true, r.breakingPointJudged(), b.vus(), b.reason(), b.detail(),
                        b.timestamp(), round(b.elapsedMs() / 1000.0, 3)))
                .orElse(new BreakingPointPart(false, r.breakingPointJudged(), null, null, null, null, null));
        List<Example> examples = r.errorExamples().stream()
                .map(e -> new Example(e.errorClass().label(), e.operation(), e.message())).toList();
        return new ReportDocument(SCHEMA_VERSION, McpRequests.CLIENT_NAME + " " + McpRequests.CLIENT_VERSION,
                r.target(), r.transport(),
                Server.of(r.server()),
                r.startedAt().toString(), r.endedAt().toString(), r.stopReason(), r.configAsRun(), metrics,
                perOperation(r), perTool, bp, r.thresholds().stream().map(ThresholdPart::of).toList(), examples,
                points(r),
                r.intervals().stream().map(IntervalPart::of).toList(), r.ceiling().map(CeilingPart::of).orElse(null));
    }

    /** What {@code mcpload ceiling} found (only in its reports): the ceiling, how it was judged, every step. */
    public record CeilingPart(int sessions, @JsonInclude(JsonInclude.Include.NON_NULL) Integer knee,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer cliff, String slo,
                              List<StepMeasure> steps, List<String> diagnosis, Recommendation recommendation,
                              String stopReason) {
        static CeilingPart of(CeilingResult c) {
            return new CeilingPart(c.ceiling(), c.knee(), c.cliff(), c.slo(), c.steps(), c.diagnosis(),
                    new Recommendation(c.trigger(), c.triggerWhy()), c.stopReason());
        }

        CeilingResult toResult() {
            return new CeilingResult(slo, steps, sessions, knee, cliff, recommendation.triggerSessions(),
                    recommendation.why(), diagnosis, stopReason);
        }
    }

    /** The scaling trigger: sessions per instance at which to scale out. */
    public record Recommendation(int triggerSessions, String why) {
    }

    private static List<Row> perOperation(RunResult r) {
        Map<String, KeyTotals> byOp = new TreeMap<>();
        for (KeyTotals t : r.operations().values()) {
            byOp.computeIfAbsent(t.key().operation(), op -> new KeyTotals(new MetricKey(op, ""))).merge(t);
        }
        List<Row> rows = new ArrayList<>();
        byOp.values().forEach(t -> rows.add(Row.of(t, r.elapsedMs(), false)));
        return rows;
    }

    /** Errors by class label, in the taxonomy's order, only the classes that occurred. */
    static Map<String, Long> byLabel(Map<ErrorClass, Long> errors) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ErrorClass c : ErrorClass.values()) {
            Long v = errors.get(c);
            if (v != null && v > 0) {
                m.put(c.label(), v);
            }
        }
        return m;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
