package dev.mcpload.result;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Events;
import dev.mcpload.metrics.Sample;
import dev.mcpload.metrics.ServerRequests;
import dev.mcpload.protocol.ErrorClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON report back into the {@link RunResult} it was written from, for every reader of finished runs
 * (compare, merge, re-rendering a summary or an HTML report). Only measured fields are read: histograms, counts,
 * the encoded intervals, the config as run; percentiles and rates are recomputed from them, so what is read back
 * renders exactly as the run did.
 */
public final class ReportReader {
    /** How reports are written and read: snake_case names, fields in declaration order. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // a 1.x report from a newer mcpload may carry fields this one does not know: they are additions
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportReader() {
    }

    public static ReportDocument read(Path file) throws IOException {
        try {
            return check(file.toString(), MAPPER.readValue(Files.readAllBytes(file), ReportDocument.class));
        } catch (JacksonException e) {
            throw new IOException(file + " is not an mcpload JSON report: " + e.getOriginalMessage(), e);
        }
    }

    public static ReportDocument read(byte[] json) {
        return check("the report", MAPPER.readValue(json, ReportDocument.class));
    }

    private static Map<String, ServerRequests.Count> serverRequests(
            Map<String, ReportDocument.ServerRequestPart> parts) {
        Map<String, ServerRequests.Count> out = new TreeMap<>();
        if (parts != null) { // before 1.7
            parts.forEach((m, p) -> out.put(m, new ServerRequests.Count(p.received(), p.answered())));
        }
        return out;
    }

    private static ReportDocument check(String what, ReportDocument d) {
        if (d.schemaVersion() == null || !d.schemaVersion().startsWith("1.")) {
            throw new IllegalArgumentException(what + " has schema_version " + d.schemaVersion()
                    + "; this mcpload reads 1.x");
        }
        return d;
    }

    /** The run a report describes. */
    public static RunResult toRunResult(ReportDocument d) {
        Map<MetricKey, KeyTotals> totals = new TreeMap<>();
        for (ReportDocument.Row row : d.perTool()) {
            MetricKey key = new MetricKey(row.operation(), row.name(), row.workload());
            totals.put(key, KeyTotals.of(key, Latencies.decode(row.histogramRaw()), Latencies.decode(row.histogram()),
                    row.successCount(), errors(row.errors()), row.inputRequired(), row.roundTrips()));
        }
        ReportDocument.Initialize init = d.metrics().initialize();
        if (init.count() > 0) {
            var h = Latencies.decode(init.histogram());
            totals.put(MetricKey.INITIALIZE, KeyTotals.of(MetricKey.INITIALIZE, h, h, init.successCount(),
                    errors(init.errors())));
        }
        List<EncodedInterval> intervals = d.intervals() == null ? List.of()
                : d.intervals().stream().map(ReportReader::interval).toList();
        List<Sample> samples = intervals.stream().map(i -> i.decode().sample()).toList();
        ReportDocument.BreakingPointPart bp = d.breakingPoint();
        Optional<BreakingPoint> breakingPoint = bp.detected()
                ? Optional.of(new BreakingPoint(bp.vus(), bp.reason(), bp.detail(),
                        Math.round(bp.elapsedSecs() * 1000), bp.timestamp()))
                : Optional.empty();
        ReportDocument.Sessions s = d.metrics().sessions();
        RunResult.Counters counters = new RunResult.Counters(s.opened(), s.closed(), s.reinitialized(),
                d.metrics().notifications(), d.metrics().lateResponses(), s.peakHeld(),
                d.metrics().droppedIterations(), new dev.mcpload.metrics.SessionLengths(s.ended(),
                        s.durationP50Ms(), s.durationP95Ms(), s.durationMaxMs(), s.callsMean(), s.callsMax()),
                serverRequests(d.metrics().serverRequests()), s.streamsFailed(), s.streamFailure());
        List<ErrorExamples.Example> examples = d.errorExamples().stream()
                .map(e -> new ErrorExamples.Example(ErrorClass.ofLabel(e.errorClass()), e.operation(), e.message()))
                .toList();
        return new RunResult(d.target(), d.transport(),
                new RunResult.ServerInfo(d.server().name(), d.server().version(), d.server().protocolVersion()),
                (ObjectNode) d.config(), Instant.parse(d.startedAt()), Instant.parse(d.endedAt()),
                Math.round(d.metrics().elapsedSecs() * 1000), d.metrics().maxVus(), d.metrics().stageCount(), totals,
                samples, breakingPoint, bp.judged(), counters, examples, d.stopReason(), intervals,
                Optional.ofNullable(d.ceiling()).map(ReportDocument.CeilingPart::toResult),
                d.thresholds() == null ? List.of() // before 1.8
                        : d.thresholds().stream().map(ReportDocument.ThresholdPart::toResult).toList());
    }

    private static EncodedInterval interval(ReportDocument.IntervalPart p) {
        List<EncodedInterval.Key> keys = p.keys().stream()
                .map(k -> new EncodedInterval.Key(new MetricKey(k.operation(), k.name(), k.workload()), k.successes(),
                        errors(k.errors()), k.raw(), k.corrected(), k.inputRequired(), k.roundTrips()))
                .toList();
        return new EncodedInterval(p.index(), p.startMs(), p.endMs(), p.wallClockMs(), p.vus(), p.targetVus(),
                p.stage(), new Events(p.sessionReinits(), p.droppedIterations(), p.sessionsOpened(),
                        p.sessionsClosed()), keys);
    }

    private static Map<ErrorClass, Long> errors(Map<String, Long> byLabel) {
        EnumMap<ErrorClass, Long> m = new EnumMap<>(ErrorClass.class);
        if (byLabel != null) {
            byLabel.forEach((label, n) -> m.put(ErrorClass.ofLabel(label), n));
        }
        return m;
    }
}
