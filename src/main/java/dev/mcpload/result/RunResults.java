package dev.mcpload.result;

import dev.mcpload.engine.LoadEngine;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** Assembles the {@link RunResult} of an engine run from its outcome and the metrics it recorded into. */
public final class RunResults {
    private RunResults() {
    }

    public static RunResult from(LoadEngine.Outcome outcome, MetricsRegistry metrics, String target,
                                 String transport, RunResult.ServerInfo server, ObjectNode configAsRun,
                                 Instant startedAt, int maxVus, int stageCount) {
        Map<MetricKey, KeyTotals> totals = new TreeMap<>(outcome.sampler().totals());
        RunResult.Counters counters = new RunResult.Counters(metrics.sessionsOpened(), metrics.sessionsClosed(),
                metrics.sessionReinits(), metrics.notifications(), metrics.lateResponses(), metrics.peakSessionsHeld(),
                metrics.droppedIterations(), metrics.sessionLengths(), metrics.serverRequests().snapshot(),
                metrics.streamsFailed(), metrics.firstStreamFailure());
        return new RunResult(target, transport, server, configAsRun, startedAt,
                startedAt.plusMillis(outcome.elapsedMs()), outcome.elapsedMs(), maxVus, stageCount, totals,
                outcome.samples(), outcome.breakingPoint(), outcome.breakingPointJudged(), counters,
                metrics.examples().all(), outcome.stopReason(), outcome.intervals(), Optional.empty(), List.of());
    }
}
