package dev.mcpload.cli;

import dev.mcpload.report.Plural;
import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.ConfigLocator;
import dev.mcpload.config.PlanBuilder;
import dev.mcpload.config.TestConfig;
import dev.mcpload.engine.LoadEngine;
import dev.mcpload.engine.Plan;
import dev.mcpload.metrics.MetricsRegistry;
import dev.mcpload.output.OutputContext;
import dev.mcpload.output.OutputException;
import dev.mcpload.output.OutputRegistry;
import dev.mcpload.output.OutputSpec;
import dev.mcpload.output.RunOutputs;
import dev.mcpload.output.RunStart;
import dev.mcpload.output.ThresholdAbort;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.report.ProgressPrinter;
import dev.mcpload.report.Style;
import dev.mcpload.result.RunResult;
import dev.mcpload.result.RunResults;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.threshold.Threshold;
import dev.mcpload.threshold.ThresholdNames;
import dev.mcpload.threshold.Thresholds;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.TransportKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mcpload run [URL]}: config → plan → the outputs (see {@link RunOutputs}; a report that cannot be
 * written fails here) → a preflight session (so a wrong URL fails in one clear sentence, before any load) → the
 * engine, which hands each interval to the outputs → the result, which the outputs finish with (summary, JSON
 * report). Without a URL it starts the embedded reference server and says so.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a load test against an MCP server.",
            "Without URL, runs a short demo against the embedded reference server."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "Server URL, e.g. http://127.0.0.1:3000/mcp (omit for the embedded reference server).")
    String url;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: .mcpload/loadtest.toml, else .pmcp/loadtest.toml, here or in a parent directory).")
    Path config;

    @Option(names = "--vus", paramLabel = "N", description = "Virtual users (replaces stages with a flat load).")
    Integer vus;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Test duration: seconds (30) or with a unit (30s, 5m, 1m30s).")
    String durationText;

    private Integer duration;

    @Option(names = "--iterations", paramLabel = "N", description = "Stop after N requests in total.")
    Long iterations;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ResultOptions results;

    @Option(names = "--out", paramLabel = "OUTPUT", completionCandidates = OutNames.class,
            description = "Where results go besides the summary, repeatable: NAME or NAME=TARGET, NAME one of:"
                    + " ${COMPLETION-CANDIDATES}. json (the default) writes the JSON report to --report-dir,"
                    + " json=FILE to FILE instead; html the HTML report (as --html).")
    List<String> outs;

    @Option(names = "--threshold", paramLabel = "METRIC=EXPR",
            description = "A pass/fail criterion in k6's syntax, repeatable, added to the config's [thresholds]:"
                    + " 'mcp_req_duration=p(99)<500', 'mcp_req_error_rate{tool:search}=rate<0.01'. A failed one"
                    + " makes the exit code 99.")
    List<String> thresholdFlags;

    private List<Threshold> flagThresholds = List.of();

    @Option(names = "--progress", paramLabel = "MODE",
            description = "Live progress: auto (default), tty, plain or none.")
    String progress;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the weighted choice (reproducible mixes).")
    Long seed;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        checkFlags();
        TransportKind kind = connection.kind(url);
        connection.pinnedEra(kind); // checked before anything starts
        Style style = Style.auto(results.noColor);
        ProgressPrinter.Mode progressMode = results.quiet ? ProgressPrinter.Mode.NONE : parseProgress();
        Optional<TestConfig> fileConfig = Preflight.loadConfig(config, results.quiet, out);
        ReferenceServer embedded = null;
        try {
            String targetNote = null;
            TestConfig cfg;
            ClientOptions options;
            if (kind == TransportKind.STDIO) {
                String commandLine = connection.requireCommand();
                cfg = fileConfig.orElseGet(DefaultScenarios::anyServer);
                options = ClientOptions.stdio(CommandLineSplitter.split(commandLine));
            } else {
                if (url == null) {
                    embedded = ReferenceServer.start(ReferenceServerOptions.defaults());
                    url = embedded.mcpUrl();
                    targetNote = "(embedded reference server)";
                    if (!results.quiet) {
                        out.println("No URL given: targeting the embedded reference server, started in-process at "
                                + url + ".");
                    }
                    cfg = fileConfig.orElseGet(DefaultScenarios::embeddedDemo);
                } else {
                    cfg = fileConfig.orElseGet(DefaultScenarios::anyServer);
                }
                options = ClientOptions.http(UrlCheck.check(url)).withTransport(kind);
            }
            cfg.warnings().forEach(w -> err.println("mcpload: warning: " + w));
            if (fileConfig.isEmpty() && !results.quiet) {
                out.println("No config file found (.mcpload/loadtest.toml or .pmcp/loadtest.toml): using the " + (embedded != null
                        ? "built-in calculator demo" : "default tools/list scenario")
                        + ". " + RunHint.writeOne(embedded != null, kind, url, connection.command));
            }
            PlanBuilder.Overrides overrides = new PlanBuilder.Overrides(vus, duration, iterations, seed);
            Plan plan = PlanBuilder.build(cfg, overrides);
            checkPlan(cfg, overrides, plan, kind, embedded != null);
            List<Threshold> thresholds = thresholds(cfg, plan);
            ThresholdAbort abort = new ThresholdAbort(thresholds);
            RunOutputs outputs = outputs(progressMode, new OutputContext(out, style, reportDir(cfg), targetNote))
                    .plus(abort);
            options = options.withHeaders(connection.headers(System.getenv()))
                    .withRequestTimeoutMs(plan.limits().timeoutMs()).withMaxMessageBytes(cfg.settings().maxMessageBytes())
                    .withStandaloneStream(cfg.session().standaloneStream())
                    .withClientCapabilities(cfg.session().declaredCapabilities())
                    .withInputAnswers(cfg.session().inputs());
            options = connection.applyProtocol(options, kind);
            ObjectNode configAsRun = PlanBuilder.describe(cfg, overrides, plan);
            configAsRun.put("transport", kind.name().toLowerCase(java.util.Locale.ROOT));
            ObjectNode redacted = configAsRun.putObject("headers");
            options.headers().keySet().forEach(h -> redacted.put(h, "<redacted>"));
            return runLoad(cfg, plan, options, configAsRun, outputs, thresholds, abort);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private int runLoad(TestConfig cfg, Plan checked, ClientOptions options, ObjectNode configAsRun,
                        RunOutputs outputs, List<Threshold> thresholds, ThresholdAbort abort) {
        try (McpClient client = new McpClient(options)) {
            InitializeResult server = Preflight.open(client, options, err, Preflight.callsTools(checked));
            Plan plan = ServerPlan.of(checked, cfg, server.protocolVersion(), configAsRun, err);
            if (!results.quiet) {
                out.println("Running " + describeLoad(plan) + " against " + options.targetLabel() + " ("
                        + server.transport().name().toLowerCase(java.util.Locale.ROOT) + ", server '"
                        + server.serverName() + "' " + server.serverVersion() + ", protocol "
                        + ProtocolNames.describe(server.protocolVersion()) + "). Ctrl-C stops early and still reports.");
            }
            MetricsRegistry metrics = new MetricsRegistry();
            LoadEngine engine = new LoadEngine(plan, client, metrics, List.of(outputs));
            CountDownLatch written = new CountDownLatch(1);
            Thread hook = Shutdown.onInterrupt(engine::requestStop, written, 30_000);
            try {
                outputs.start(new RunStart(plan.executor(), engine, options.targetLabel()), engine::requestStop);
                Instant startedAt = Instant.now();
                LoadEngine.Outcome outcome = engine.run();
                RunResult result = RunResults.from(outcome, metrics, options.targetLabel(),
                        server.transport().name().toLowerCase(java.util.Locale.ROOT),
                        new RunResult.ServerInfo(server.serverName(), server.serverVersion(),
                                server.protocolVersion()), configAsRun, startedAt, plan.executor().maxVus(),
                        plan.executor().stageCount());
                result = result.withThresholds(Thresholds.judge(thresholds, result.observed(), abort.abortedBy()));
                List<String> failures = outputs.finish(result);
                failures.forEach(f -> err.println("mcpload: " + f));
                return exitCode(result, failures);
            } finally {
                outputs.close();
                written.countDown();
                Shutdown.remove(hook);
            }
        }
    }

    /**
     * The run's exit code, most serious first: results that could not be written (74), a target that could not
     * be tested at all (1), a threshold that stopped the run (108), failed thresholds (99), else 0. Ctrl-C's 130
     * comes from the JVM, after the same reports.
     */
    private int exitCode(RunResult result, List<String> outputFailures) {
        if (!outputFailures.isEmpty()) {
            return Errors.REPORT_NOT_WRITABLE;
        }
        if (result.counters().sessionsOpened() == 0) {
            err.println("mcpload: no virtual user could open a session; see the errors above.");
            return Errors.FAILED;
        }
        if ("aborted".equals(result.stopReason())) {
            return Errors.ABORTED_BY_THRESHOLD;
        }
        return result.thresholdsPassed() ? Errors.OK : Errors.THRESHOLDS_FAILED;
    }

    /**
     * The config's thresholds and the {@code --threshold} ones, each filter checked against what the plan sends:
     * one that selects nothing is a usage error, never a threshold that passes on nothing.
     */
    private List<Threshold> thresholds(TestConfig cfg, Plan plan) {
        List<dev.mcpload.metrics.MetricKey> keys = plan.steps().stream().map(dev.mcpload.engine.Step::key).toList();
        List<String> workloads = cfg.workloads().stream().map(dev.mcpload.config.WorkloadConfig::name).toList();
        for (Threshold t : flagThresholds) {
            String problem = ThresholdNames.problem(t, keys, workloads);
            if (problem != null) {
                throw new UserError("--threshold '" + t.target() + "=" + t.expression() + "': " + problem);
            }
        }
        return CommandThresholds.judgedBy("run", cfg.thresholds(), flagThresholds, err);
    }

    /** In the config's .mcpload (or .pmcp, as cargo pmcp does) directory, else .mcpload/reports here. */
    static Path defaultReportDir(TestConfig cfg) {
        Path src = cfg.source();
        if (src != null && src.getParent() != null && src.getParent().getFileName() != null
                && List.of(".mcpload", ".pmcp").contains(src.getParent().getFileName().toString())) {
            return src.getParent().resolve("reports");
        }
        return Path.of(".mcpload", "reports");
    }

    private void checkFlags() {
        if (config != null && Files.isDirectory(config)) {
            Path inside = config.resolve("loadtest.toml");
            throw new UserError("--config " + config + " is a directory: name the config file itself"
                    + (Files.isRegularFile(inside) ? ", e.g. --config " + inside : " (a .toml file)"));
        }
        if (results.quiet && progress != null && !progress.equalsIgnoreCase("none")) {
            throw new UserError("-q turns the live progress off, and --progress " + progress + " asks for it:"
                    + " drop one of them");
        }
        for (OutputSpec spec : outSpecs()) {
            String problem = OutputRegistry.checkOut(spec);
            if (problem != null) {
                throw new UserError(problem);
            }
            if (results.noReport && spec.name().equals("json")) {
                throw new UserError("--no-report turns the JSON report off, and --out " + spec + " asks for it:"
                        + " drop one of them");
            }
        }
        List<OutputSpec> jsonOuts = outSpecs().stream().filter(s -> s.name().equals("json")).toList();
        if (results.reportDir != null && !jsonOuts.isEmpty() && jsonOuts.stream().allMatch(s -> s.target() != null)) {
            throw new UserError("--report-dir is where the JSON report goes without a target, and --out "
                    + jsonOuts.get(0) + " writes it elsewhere: drop --report-dir, or add --out json to write both");
        }
        flagThresholds = CommandThresholds.parseFlags(thresholdFlags);
        if (vus != null && vus < 1) {
            throw new UserError("--vus must be at least 1, not " + vus);
        }
        if (durationText != null) {
            long ms = dev.mcpload.config.DurationText.parseMs(durationText);
            if (ms < 0 || ms % 1000 != 0) {
                throw new UserError("--duration " + durationText + ": whole seconds, as a number (30) or with a unit"
                        + " (30s, 5m, 1m30s)");
            }
            duration = (int) Math.min(Integer.MAX_VALUE, ms / 1000);
        }
        if (duration != null && duration < 1) {
            throw new UserError("--duration must be at least 1 second, not " + durationText);
        }
        if (iterations != null && iterations < 1) {
            throw new UserError("--iterations must be at least 1, not " + iterations);
        }
    }

    private ProgressPrinter.Mode parseProgress() {
        try {
            return ProgressPrinter.resolve(progress);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The --out flags, and --html as the output it stands for. */
    private List<OutputSpec> outSpecs() {
        List<OutputSpec> specs = new java.util.ArrayList<>(
                outs == null ? List.of() : outs.stream().map(OutputSpec::parse).toList());
        String jsonFile = specs.stream().filter(s -> s.name().equals("json") && s.target() != null)
                .map(OutputSpec::target).findFirst().orElse(null);
        OutputSpec html = results.htmlOutput(jsonFile);
        if (html != null) {
            if (specs.stream().anyMatch(s -> s.name().equals("html"))) {
                throw new UserError("--html and --out html both ask for the HTML report: drop one of them");
            }
            specs.add(html);
        }
        return specs;
    }

    /** The names {@code --out} takes, for its help. */
    static final class OutNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return OutputRegistry.outNames().iterator();
        }
    }

    private Path reportDir(TestConfig cfg) {
        return results.reportDir != null ? results.reportDir : defaultReportDir(cfg);
    }

    /**
     * The checks that need the plan, before anything connects: what the warnings say runs is what runs, and the
     * machine can hold the VUs (the report's place is checked when the outputs are made, next).
     */
    private void checkPlan(TestConfig cfg, PlanBuilder.Overrides overrides, Plan plan, TransportKind kind,
                           boolean embedded) {
        PlanBuilder.warnings(cfg, overrides).forEach(w -> err.println("mcpload: warning: " + w));
        CapacityCheck.check(plan.executor().maxVus(), kind, cfg.session().standaloneStream(), embedded,
                PlanBuilder.peakVusSource(cfg, overrides), vus == null && cfg.source() != null);
    }

    /**
     * The run's outputs, from the registry: made before anything connects, so a report that cannot be written
     * where it is going fails now and not after the load.
     */
    private RunOutputs outputs(ProgressPrinter.Mode progressMode, OutputContext context) {
        try {
            return RunOutputs.forRun(progressMode, outSpecs(), results.noReport, context);
        } catch (OutputException e) {
            throw new UserError(e.getMessage(), Errors.REPORT_NOT_WRITABLE);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static String perSecond(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(java.util.Locale.ROOT, "%.2f", rate);
    }

    private static String describeLoad(Plan plan) {
        var ex = plan.executor();
        String limit0 = plan.limits().iterations() > 0
                ? ", at most " + Plural.of(plan.limits().iterations(), "request") : "";
        if (ex instanceof dev.mcpload.engine.executor.OpenExecutor open) {
            String rate = open.stageCount() > 0 ? Plural.of(open.stageCount(), "stage") + " of arrival rates"
                    : perSecond(open.ratePerSecondAt(0)) + " arrivals/s";
            return ex.name() + " (" + rate + ", " + open.preAllocatedVus() + "–" + open.maxVus() + " VUs) for "
                    + (ex.durationMs() / 1000) + "s" + limit0;
        }
        String shape = ex.stageCount() > 0
                ? Plural.of(ex.stageCount(), "stage") + " up to " + Plural.of(ex.maxVus(), "VU")
                : Plural.of(ex.maxVus(), "VU");
        String limit = plan.limits().iterations() > 0 ? ", at most " + Plural.of(plan.limits().iterations(), "request") : "";
        return shape + " for " + (ex.durationMs() / 1000) + "s" + limit;
    }
}
