package dev.mcpload.cli;

import dev.mcpload.ceiling.CeilingResult;
import dev.mcpload.ceiling.CeilingSearch;
import dev.mcpload.ceiling.CeilingSettings;
import dev.mcpload.config.DurationText;
import dev.mcpload.config.PlanBuilder;
import dev.mcpload.config.TestConfig;
import dev.mcpload.engine.LoadEngine;
import dev.mcpload.engine.Plan;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.output.OutputContext;
import dev.mcpload.output.OutputException;
import dev.mcpload.output.OutputRegistry;
import dev.mcpload.output.OutputSpec;
import dev.mcpload.output.RunOutputs;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.report.CeilingPrinter;
import dev.mcpload.report.Style;
import dev.mcpload.report.ThresholdsPrinter;
import dev.mcpload.result.RunResult;
import dev.mcpload.result.RunResults;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.threshold.Threshold;
import dev.mcpload.threshold.Thresholds;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.TransportKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mcpload ceiling [URL]}: how many concurrent sessions the server holds within an SLO. The config's
 * scenario runs on one engine stepped through rising session counts ({@link CeilingSearch}); the capacity table,
 * the ceiling, knee, cliff, a scaling trigger and a diagnosis are printed and written to the JSON report under
 * {@code ceiling}. Without a URL it searches the embedded reference server limited to 4 concurrent calls of
 * {@code sleep(20 ms)}, whose ceiling is known, in short steps.
 */
@Command(name = "ceiling", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the session ceiling: the most concurrent sessions within a latency SLO.",
            "Without URL, a short demo against the embedded reference server (4 calls at once, 20 ms each)."})
final class CeilingCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "Server URL (omit for the demo).")
    String url;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (as for run): scenario and settings.")
    Path config;

    @Option(names = "--steps", paramLabel = "N,N,...", split = ",",
            description = "Session counts to try first; then ×1.5 until the SLO breaks. Default: 1,5,10,20,30,50.")
    List<Integer> steps;

    @Option(names = "--hold", paramLabel = "DURATION", description = "How long each step is measured. Default 60s.")
    String hold;

    @Option(names = "--settle", paramLabel = "DURATION",
            description = "How long each step runs before it is measured. Default 10s.")
    String settle;

    @Option(names = "--pause", paramLabel = "DURATION", description = "Idle time between steps. Default 0.")
    String pause;

    @Option(names = "--slo-p99", paramLabel = "DURATION", description = "Tool-call P99 bound. Default 2s.")
    String sloP99;

    @Option(names = "--slo-p95", paramLabel = "DURATION", description = "Tool-call P95 bound (optional).")
    String sloP95;

    @Option(names = "--max-error-rate", paramLabel = "PERCENT", defaultValue = "1%",
            description = "Failed requests a step may have. Default: ${DEFAULT-VALUE}.")
    String maxErrorRate;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "1000",
            description = "No step above this. Default: ${DEFAULT-VALUE}.")
    int maxSessions;

    @Option(names = "--trigger", paramLabel = "PERCENT", defaultValue = "75%",
            description = "Scaling trigger to recommend, as a share of the ceiling. Default: ${DEFAULT-VALUE}.")
    String trigger;

    @Option(names = "--threshold", paramLabel = "METRIC=EXPR",
            description = "A pass/fail criterion on what the search found, repeatable, added to the config's"
                    + " [thresholds]: 'mcp_ceiling=value>=200' (sessions; clients for 2026-07-28). A failed one"
                    + " makes the exit code 99.")
    List<String> thresholdFlags;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ResultOptions results;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        TransportKind kind = connection.kind(url);
        connection.pinnedEra(kind);
        if (kind == TransportKind.STDIO) {
            throw new UserError("ceiling: stdio servers run one process per session; search the ceiling of an"
                    + " HTTP server (give its URL)");
        }
        boolean demo = url == null;
        CeilingSettings settings = settings(demo);
        List<Threshold> flagThresholds = CommandThresholds.parseFlags(thresholdFlags);
        Optional<TestConfig> fileConfig = Preflight.loadConfig(config, results.quiet, out);
        ReferenceServer embedded = null;
        try {
            TestConfig cfg;
            if (demo) {
                embedded = ReferenceServer.start(ReferenceServerOptions.builder().maxConcurrency(4).build());
                url = embedded.mcpUrl();
                cfg = fileConfig.orElseGet(DefaultScenarios::ceilingDemo);
                if (!results.quiet) {
                    out.println("No URL given: searching the embedded reference server at " + url + ", limited to"
                            + " 4 tool calls at once (serve --max-concurrency 4), with sleep(20 ms): its ceiling is"
                            + " known. Short steps for a demo; a real search holds each step --hold 60s.");
                }
            } else {
                cfg = fileConfig.orElseGet(DefaultScenarios::anyServer);
            }
            cfg.warnings().forEach(w -> err.println("mcpload: warning: " + w));
            Plan checked = PlanBuilder.build(cfg, PlanBuilder.Overrides.NONE);
            // One engine for the whole search: the search sets the VUs; the schedule only bounds its length.
            checked = checked.withExecutor(new ConstantVusExecutor(1, 7 * 24 * 3_600_000L))
                    .withSampling(new Plan.Sampling(1000, checked.sampling().correction()));
            CapacityCheck.check(settings.maxSessions(), kind, cfg.session().standaloneStream(), demo,
                    "--max-sessions " + settings.maxSessions(), false);
            ClientOptions options = ClientOptions.http(UrlCheck.check(url)).withTransport(kind)
                    .withHeaders(connection.headers(System.getenv()))
                    .withRequestTimeoutMs(checked.limits().timeoutMs())
                    .withMaxMessageBytes(cfg.settings().maxMessageBytes())
                    .withStandaloneStream(cfg.session().standaloneStream())
                    .withClientCapabilities(cfg.session().declaredCapabilities())
                    .withInputAnswers(cfg.session().inputs());
            options = connection.applyProtocol(options, kind);
            Style style = Style.auto(results.noColor);
            RunOutputs outputs = outputs(cfg, style, demo);
            ObjectNode configAsRun = PlanBuilder.describe(cfg, PlanBuilder.Overrides.NONE, checked);
            configAsRun.put("transport", kind.name().toLowerCase(Locale.ROOT));
            ObjectNode redacted = configAsRun.putObject("headers");
            options.headers().keySet().forEach(h -> redacted.put(h, "<redacted>"));
            List<Threshold> thresholds = CommandThresholds.judgedBy("ceiling", cfg.thresholds(), flagThresholds, err);
            return search(cfg, checked, options, settings, configAsRun, outputs, style, thresholds);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int search(TestConfig cfg, Plan checked, ClientOptions options, CeilingSettings settings,
                       ObjectNode configAsRun, RunOutputs outputs, Style style, List<Threshold> thresholds) {
        try (McpClient client = new McpClient(options)) {
            InitializeResult server = Preflight.open(client, options, err, Preflight.callsTools(checked));
            Plan plan = ServerPlan.of(checked, cfg, server.protocolVersion(), configAsRun, err);
            boolean modern = ProtocolVersions.isModern(server.protocolVersion());
            CeilingPrinter printer = new CeilingPrinter(out, style, modern);
            if (!results.quiet) {
                out.println("Searching the " + CeilingPrinter.title(modern) + " of " + options.targetLabel()
                        + " (server '"
                        + server.serverName() + "' " + server.serverVersion() + ", protocol " + ProtocolNames.describe(server.protocolVersion())
                        + "): " + settings.describeSlo() + "; steps " + settings.sequence().subList(0,
                        Math.min(8, settings.sequence().size())) + (settings.sequence().size() > 8 ? "…" : "")
                        + ", each settled " + settings.settleMs() / 1000.0 + "s and measured "
                        + settings.holdMs() / 1000.0 + "s. Ctrl-C stops and reports what was measured.");
            }
            MetricsRegistry metrics = new MetricsRegistry();
            LoadEngine engine = new LoadEngine(plan, client, metrics, List.of());
            CountDownLatch written = new CountDownLatch(1);
            Thread hook = Shutdown.onInterrupt(engine::requestStop, written, 30_000);
            try {
                Instant startedAt = Instant.now();
                engine.start();
                CeilingResult found = new CeilingSearch(engine, settings, modern, s -> {
                    if (!results.quiet) {
                        printer.step(s);
                    }
                }).run();
                LoadEngine.Outcome outcome = engine.stop();
                printer.print(found);
                RunResult result = RunResults.from(outcome, metrics, options.targetLabel(),
                        server.transport().name().toLowerCase(Locale.ROOT),
                        new RunResult.ServerInfo(server.serverName(), server.serverVersion(),
                                server.protocolVersion()), configAsRun, startedAt, settings.maxSessions(), 0)
                        .withCeiling(found);
                result = result.withThresholds(Thresholds.judge(thresholds, result.observed(), null));
                new ThresholdsPrinter(style).print(result.thresholds(), out);
                if (!result.thresholds().isEmpty()) {
                    out.println();
                }
                List<String> failures = outputs.finish(result);
                failures.forEach(f -> err.println("mcpload: " + f));
                if (!failures.isEmpty()) {
                    return Errors.REPORT_NOT_WRITABLE;
                }
                return result.thresholdsPassed() ? Errors.OK : Errors.THRESHOLDS_FAILED;
            } finally {
                outputs.close();
                written.countDown();
                Shutdown.remove(hook);
            }
        }
    }

    /** The JSON report (unless --no-report) and the HTML report (with --html), checked before the search. */
    private RunOutputs outputs(TestConfig cfg, Style style, boolean demo) {
        List<OutputSpec> specs = new ArrayList<>();
        if (!results.noReport) {
            specs.add(new OutputSpec("json", null));
        }
        OutputSpec html = results.htmlOutput(null);
        if (html != null) {
            specs.add(html);
        }
        Path dir = results.reportDir != null ? results.reportDir : RunCommand.defaultReportDir(cfg);
        OutputContext context = new OutputContext(out, style, dir, demo ? "(embedded reference server)" : null);
        try {
            List<dev.mcpload.output.Output> made = new ArrayList<>();
            for (OutputSpec spec : specs) {
                made.add(OutputRegistry.create(spec, context));
            }
            return new RunOutputs(made);
        } catch (OutputException e) {
            throw new UserError(e.getMessage(), Errors.REPORT_NOT_WRITABLE);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The flags, checked; the demo's defaults are short steps against a known ceiling. */
    private CeilingSettings settings(boolean demo) {
        List<Integer> s = steps != null ? steps : demo ? List.of(1, 2, 4, 8, 16) : CeilingSettings.DEFAULT_STEPS;
        if (s.stream().anyMatch(n -> n == null || n < 1)) {
            throw new UserError("--steps " + s + ": every step is a number of sessions, at least 1");
        }
        List<Integer> sorted = new ArrayList<>(s);
        sorted.sort(null);
        if (maxSessions < 1) {
            throw new UserError("--max-sessions " + maxSessions + ": must be at least 1");
        }
        double p99 = sloP99 != null ? durationMs("--slo-p99", sloP99) : sloP95 != null ? Double.NaN
                : demo ? 50 : 2000;
        double p95 = sloP95 != null ? durationMs("--slo-p95", sloP95) : Double.NaN;
        return new CeilingSettings(sorted, 1.5, demo && steps == null ? Math.min(maxSessions, 16) : maxSessions,
                (long) durationMs("--hold", hold != null ? hold : demo ? "3s" : "60s"),
                (long) durationMs("--settle", settle != null ? settle : demo ? "1s" : "10s"),
                pause != null ? (long) durationMs("--pause", pause) : 0, p99, p95,
                percent("--max-error-rate", maxErrorRate), percent("--trigger", trigger));
    }

    private static double durationMs(String flag, String text) {
        long ms = DurationText.parseMs(text);
        if (ms < 0) {
            throw new UserError(flag + " " + text + ": not a duration; write e.g. 150ms, 2s, 1m30s (a bare number"
                    + " is seconds)");
        }
        return ms;
    }

    private static double percent(String flag, String text) {
        String t = text.trim();
        try {
            double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
                    : Double.parseDouble(t);
            if (v < 0 || v > 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError(flag + " " + text + ": a share between 0% and 100%, e.g. 1% or 0.01");
        }
    }
}
