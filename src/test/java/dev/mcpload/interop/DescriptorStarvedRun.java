package dev.mcpload.interop;

import dev.mcpload.engine.LoadEngine;
import dev.mcpload.engine.Plan;
import dev.mcpload.engine.RetryPolicy;
import dev.mcpload.engine.Step;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.report.JsonReport;
import dev.mcpload.result.RunResult;
import dev.mcpload.result.RunResults;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import java.time.Instant;
import java.util.List;

/**
 * A run with more VUs than this process has file descriptors for, printed as its JSON report: the child JVM of
 * {@link DescriptorExhaustionTest}, started under a low {@code ulimit -n}. It drives the engine directly, as the
 * CLI does after its capacity check (which would refuse this run up front): what is tested is what happens when
 * the OS refuses descriptors the check could not foresee.
 * Usage: {@code DescriptorStarvedRun URL|--command CMD VUS DURATION_MS}.
 */
public final class DescriptorStarvedRun {
    private DescriptorStarvedRun() {
    }

    public static void main(String[] args) {
        boolean stdio = args[0].equals("--command");
        String target = stdio ? args[1] : args[0];
        int vus = Integer.parseInt(args[stdio ? 2 : 1]);
        long durationMs = Long.parseLong(args[stdio ? 3 : 2]);
        ClientOptions options = (stdio ? ClientOptions.stdio(List.of(target.split(" "))) : ClientOptions.http(target))
                .withStandaloneStream(false).withRequestTimeoutMs(5_000);
        Step echo = new Step(new MetricKey("tools/call", "echo"),
                McpRequests.toolsCall("echo", Json.object().put("message", "hi")), 1);
        Plan plan = Plan.of(new ConstantVusExecutor(vus, durationMs), List.of(echo))
                .withSession(new Plan.SessionPolicy(20, RetryPolicy.DEFAULT))
                .withLimits(new Plan.Limits(0, 5_000, 256, 5_000));
        MetricsRegistry metrics = new MetricsRegistry();
        Instant started = Instant.now();
        try (McpClient client = new McpClient(options)) {
            System.err.println("descriptors open at start: " + openDescriptors());
            LoadEngine.Outcome outcome = new LoadEngine(plan, client, metrics, List.of()).run();
            RunResult result = RunResults.from(outcome, metrics, stdio ? "stdio" : target, stdio ? "stdio"
                    : "streamable_http", new RunResult.ServerInfo("?", "?", "?"), Json.object(), started, vus, 0);
            System.out.println(JsonReport.build(result));
        }
    }

    private static long openDescriptors() {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
