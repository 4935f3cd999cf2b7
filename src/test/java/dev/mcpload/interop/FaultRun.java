package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.LoadEngine;
import dev.mcpload.engine.Plan;
import dev.mcpload.engine.Step;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.metrics.ErrorExamples;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.report.JsonReport;
import dev.mcpload.report.JsonReportTest;
import dev.mcpload.report.MiniSchema;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import dev.mcpload.result.RunResults;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A short load test through the real client and engine, for the fault suite, and what every fault test checks
 * of it. The one place that builds a {@link Plan} and runs a {@link LoadEngine}: when the engine's constructor
 * or the plan's fields change, this is the only code to adapt.
 */
final class FaultRun {
    /** Short intervals, so that a one-second run has several to check successes in. */
    static final int SAMPLE_MS = 250;
    /** The request every fault test sends: the cheapest tool, answered at once. */
    static final Step ECHO = new Step(new MetricKey("tools/call", "echo"),
            McpRequests.toolsCall("echo", Interop.args("message", "x")), 1);
    /** Descriptors the client and the server may legitimately still hold per VU at the end (pooled sockets). */
    private static final int FDS_PER_VU = 4;
    private static final int FDS_SLACK = 24;
    private static final Path FDS = Path.of("/proc/self/fd");
    /**
     * Heap the run may keep (after a GC) beyond what it started with: its own result is small, so far more than
     * this means something held what the faults sent (an oversized body is 5-8 MB, an endless stream unbounded).
     */
    private static final long HEAP_SLACK_BYTES = 32L << 20;

    private FaultRun() {
    }

    /**
     * {@code vus} VUs sending {@code steps} (weight 1 each) to {@code url} over Streamable HTTP for
     * {@code durationMs}, each request with a {@code timeoutMs} deadline; the run waits for requests in flight
     * until their deadline (graceful stop), so nothing is left unfinished.
     */
    static Result run(String url, int vus, long durationMs, int timeoutMs, Step... steps) {
        return run(url, ProtocolEra.LEGACY, vus, durationMs, timeoutMs, steps);
    }

    /** @param era the era the client speaks: the faults of sessions (expiry, refused initialize) are legacy-era */
    static Result run(String url, ProtocolEra era, int vus, long durationMs, int timeoutMs, Step... steps) {
        Plan plan = Plan.of(new ConstantVusExecutor(vus, durationMs), List.of(steps))
                .withLimits(new Plan.Limits(0, timeoutMs, 0, timeoutMs + 500L))
                .withSampling(new Plan.Sampling(SAMPLE_MS, CoordinatedOmission.derived(0, 0)));
        MetricsRegistry metrics = new MetricsRegistry();
        long fdsBefore = descriptors();
        long heapBefore = heapAfterGc();
        try (McpClient client = new McpClient(ClientOptions.http(url).withTransport(TransportKind.STREAMABLE_HTTP)
                .withEra(era)
                .withRequestTimeoutMs(timeoutMs).withIoThreads(1))) {
            Instant startedAt = Instant.now();
            long t0 = System.nanoTime();
            LoadEngine.Outcome outcome = new LoadEngine(plan, client, metrics, List.of()).run();
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            long fdsAfter = descriptors();
            long heapAfter = heapAfterGc();
            // the era the client's sessions spoke, as their version: what FaultModesTest checks it ran in
            String spoke = client.era() == ProtocolEra.MODERN ? client.options().modernVersion()
                    : client.options().legacyVersion();
            RunResult result = RunResults.from(outcome, metrics, url, "streamable_http",
                    new RunResult.ServerInfo("", "", spoke),
                    configAsRun(vus, durationMs, timeoutMs, steps), startedAt, vus, 1);
            return new Result(result, durationMs, timeoutMs, vus, wallMs, fdsBefore, fdsAfter, heapBefore, heapAfter);
        }
    }

    /** The run as its report describes it, by hand: the fault suite has no config file. */
    private static ObjectNode configAsRun(int vus, long durationMs, int timeoutMs, Step... steps) {
        ObjectNode cfg = Json.object();
        cfg.put("source", "FaultRun (test)");
        cfg.putObject("settings").put("virtual_users", vus).put("duration_secs", (durationMs + 999) / 1000)
                .put("timeout_ms", timeoutMs).put("request_interval_ms", 0);
        ArrayNode scenario = cfg.putArray("scenario");
        for (Step step : steps) {
            scenario.addObject().put("type", step.key().operation()).put("weight", step.weight())
                    .put("tool", step.key().name());
        }
        cfg.putArray("stages").addObject().put("target_vus", vus).put("duration_secs", (durationMs + 999) / 1000);
        cfg.put("executor", "constant-vus").put("iterations", 0).put("seed", 7).put("transport", "streamable_http");
        cfg.putObject("headers");
        return cfg;
    }

    /** Heap in use after a full collection (an approximation: System.gc() is a request, honoured by G1). */
    static long heapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Open descriptors of this process (client and server both live here), or -1 without /proc. */
    static long descriptors() {
        if (!Files.isDirectory(FDS)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(FDS)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run's figures and the checks of the fault suite. */
    record Result(RunResult run, long durationMs, int timeoutMs, int vus, long wallMs, long fdsBefore,
                  long fdsAfter, long heapBefore, long heapAfter) {
        /** Errors of the scenario's requests (initialize apart), by class. */
        Map<ErrorClass, Long> errors() {
            Map<ErrorClass, Long> all = new java.util.EnumMap<>(ErrorClass.class);
            run.operations().values().forEach(t -> t.errors().forEach((c, n) -> all.merge(c, n, Long::sum)));
            return all;
        }

        long successes() {
            return run.successes();
        }

        KeyTotals initialize() {
            return run.initialize();
        }

        /** The first error example of class {@code c}, or "" when none was kept. */
        String example(ErrorClass c) {
            return run.errorExamples().stream().filter(e -> e.errorClass() == c).map(ErrorExamples.Example::message)
                    .findFirst().orElse("");
        }

        /** Every failed scenario request is counted under {@code expected} (or none failed, when it is null). */
        Result countedAs(ErrorClass expected) {
            if (expected == null) {
                assertThat(errors()).as("errors of a run whose fault the client must absorb").isEmpty();
            } else {
                assertThat(errors()).as("errors by class").containsOnlyKeys(expected);
            }
            return this;
        }

        /**
         * No VU hung past its deadline: the run ended within its duration plus one timeout (and set-up slack),
         * and nothing was left unanswered for the graceful stop to give up on.
         */
        Result noHang() {
            assertThat(wallMs).as("wall time of a %d ms run with %d ms timeouts", durationMs, timeoutMs)
                    .isLessThan(durationMs + timeoutMs + 3_000);
            assertThat(run.errorsByClass()).as("unfinished requests").doesNotContainKey(ErrorClass.UNFINISHED);
            return this;
        }

        /** Healthy requests go on: every interval of the run (the last, partial one apart) has successes. */
        Result successesInEveryInterval() {
            List<Sample> samples = run.samples();
            assertThat(samples).as("intervals").hasSizeGreaterThanOrEqualTo(3);
            for (Sample s : samples.subList(0, samples.size() - 1)) {
                assertThat(s.successes()).as("successes in interval %d (%d-%d ms): %s", s.index(), s.startMs(),
                        s.endMs(), s.errors()).isPositive();
            }
            return this;
        }

        /** Successes came back by the end: the interval before the last has some. */
        Result recovered() {
            List<Sample> samples = run.samples();
            Sample lastFull = samples.get(samples.size() - 2);
            assertThat(lastFull.successes()).as("successes in the last full interval: %s", lastFull.errors())
                    .isPositive();
            return this;
        }

        /** Descriptors at the end are those of the pooled connections, whatever failed: none leaked per failure. */
        Result noDescriptorGrowth() {
            if (fdsBefore >= 0) {
                assertThat(fdsAfter - fdsBefore).as("descriptors: %d before the run, %d after it", fdsBefore,
                        fdsAfter).isLessThanOrEqualTo((long) vus * FDS_PER_VU + FDS_SLACK);
            }
            return this;
        }

        /** The heap, after a GC, is about what it was before the run: nothing the faults sent was kept. */
        Result noHeapGrowth() {
            assertThat(heapAfter - heapBefore).as("heap after GC: %d MB before the run, %d MB after it",
                    heapBefore >> 20, heapAfter >> 20).isLessThan(HEAP_SLACK_BYTES);
            return this;
        }

        /** The JSON report is valid against its schema and reads back to the same totals. */
        Result reportIntact() {
            try {
                var report = JsonReport.build(run);
                var schema = Json.parse(Files.readAllBytes(JsonReportTest.SCHEMA));
                assertThat(new MiniSchema(schema).validate(report)).as("schema problems").isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RunResult back = ReportReader.toRunResult(ReportReader.read(JsonReport.bytes(run)));
            assertThat(back.requests()).isEqualTo(run.requests());
            assertThat(back.errorsByClass()).isEqualTo(run.errorsByClass());
            assertThat(back.samples()).hasSameSizeAs(run.samples());
            return this;
        }

        /** The checks every fault run must pass, whatever its fault. */
        Result sound() {
            return noHang().noDescriptorGrowth().noHeapGrowth().reportIntact();
        }

        @Override
        public String toString() {
            return run.requests() + " requests, " + successes() + " successes, errors " + errors() + ", initialize "
                    + initialize().errors() + ", " + wallMs + " ms, descriptors " + fdsBefore + " → " + fdsAfter
                    + ", heap " + (heapBefore >> 20) + " → " + (heapAfter >> 20) + " MB";
        }
    }
}
