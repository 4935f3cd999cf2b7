package dev.mcpload.result;

import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
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
 * @param configAsRun   the settings, scenario and stages as they ran (secrets already redacted)
 * @param stopReason    {@code completed}, {@code iterations} or {@code interrupted}
 */
public record RunResult(String target, String transport, ServerInfo server, ObjectNode configAsRun,
                        Instant startedAt, Instant endedAt, long elapsedMs, int maxVus, int stageCount,
                        Map<MetricKey, KeyTotals> totals, List<Sample> samples, Optional<BreakingPoint> breakingPoint,
                        Counters counters, List<ErrorExamples.Example> errorExamples, String stopReason) {

    /** What the server said about itself in its first initialize result. */
    public record ServerInfo(String name, String version, String protocolVersion) {
        public static final ServerInfo UNKNOWN = new ServerInfo("", "", "");
    }

    /** Session-level counts of the run. */
    public record Counters(long sessionsOpened, long sessionsClosed, long sessionReinits, long notifications,
                           long lateResponses) {
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

    /** Corrected latency of all successful operations. */
    public Histogram latency() {
        Histogram h = Latencies.newHistogram();
        operations().values().forEach(t -> h.add(t.corrected()));
        return h;
    }

    /** Raw (uncorrected) latency of all successful operations. */
    public Histogram rawLatency() {
        Histogram h = Latencies.newHistogram();
        operations().values().forEach(t -> h.add(t.raw()));
        return h;
    }

    public long successes() {
        return operations().values().stream().mapToLong(KeyTotals::successes).sum();
    }

    public long errors() {
        return operations().values().stream().mapToLong(KeyTotals::errorCount).sum();
    }

    public long requests() {
        return successes() + errors();
    }

    public double errorRate() {
        long total = requests();
        return total == 0 ? 0 : (double) errors() / total;
    }

    public double throughput() {
        return elapsedMs <= 0 ? 0 : requests() * 1000.0 / elapsedMs;
    }

    /** Operation errors by class, largest first. */
    public Map<ErrorClass, Long> errorsByClass() {
        EnumMap<ErrorClass, Long> m = new EnumMap<>(ErrorClass.class);
        operations().values().forEach(t -> t.errors().forEach((c, n) -> m.merge(c, n, Long::sum)));
        return m;
    }

    /** The planned length: the sum of the stages, or settings.duration_secs. */
    public double configDurationSecs() {
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
