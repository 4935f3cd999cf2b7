package dev.mcpload.config;

import dev.mcpload.engine.Plan;
import dev.mcpload.engine.RetryPolicy;
import dev.mcpload.metrics.CoordinatedOmission;
import dev.mcpload.engine.Step;
import dev.mcpload.engine.ThinkTime;
import dev.mcpload.engine.Rediscovery;
import dev.mcpload.engine.Refresh;
import dev.mcpload.engine.ToolListing;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.engine.executor.Executor;
import dev.mcpload.engine.executor.OpenExecutor;
import dev.mcpload.engine.executor.RampingVusExecutor;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.protocol.RequestTemplate;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a config and the command line's overrides into the {@link Plan} that runs, and describes that plan as
 * run for the report. {@code --vus}/{@code --duration} replace stages with a flat load, as in k6.
 */
public final class PlanBuilder {
    /** Command-line values that win over the file; null means "not given". */
    public record Overrides(Integer vus, Integer durationSecs, Long iterations, Long seed) {
        public static final Overrides NONE = new Overrides(null, null, null, null);
    }

    public static final int SAMPLE_INTERVAL_MS = 2000;

    private PlanBuilder() {
    }

    public static Plan build(TestConfig config, Overrides o) {
        Settings s = effectiveSettings(config, o);
        Executor executor;
        if (useWorkload(config, o)) {
            executor = config.workloads().get(0).executor();
        } else if (useStages(config, o)) {
            List<RampingVusExecutor.Stage> stages = new ArrayList<>();
            for (StageConfig st : config.stages()) {
                stages.add(new RampingVusExecutor.Stage(st.targetVus(), st.durationSecs() * 1000L));
            }
            executor = new RampingVusExecutor(stages);
        } else {
            executor = new ConstantVusExecutor(s.virtualUsers(), s.durationSecs() * 1000L);
        }
        List<Step> steps = steps(config, null);
        long iterations = o.iterations() == null ? 0 : o.iterations();
        long seed = o.seed() == null ? System.nanoTime() : o.seed();
        long gracefulStopMs = s.gracefulStopMs() >= 0 ? s.gracefulStopMs()
                : Plan.Limits.defaultGracefulStopMs(s.timeoutMs());
        List<Plan.Workload> side = useWorkload(config, o) && sideBySide(config) ? config.workloads().stream()
                .map(w -> new Plan.Workload(w.name(), w.executor(), w.startTimeMs(), w.steps(), w.flows())).toList()
                : List.of();
        // The open model times each iteration from its intended start, so a stall already shows in full: there is
        // nothing hidden to fill in (wrk2 corrects the same way). With an open workload beside closed ones, the
        // correction (one per run) is off for all: never fill in what was measured in full.
        boolean open = executor instanceof OpenExecutor || side.stream().anyMatch(w -> w.executor() instanceof OpenExecutor);
        Plan plan = new Plan(executor, new Plan.Mix(steps, flows(config), seed),
                sessionPolicy(config, s),
                new Plan.Limits(iterations, s.timeoutMs(), s.maxOpeningSessions(), gracefulStopMs),
                new Plan.Sampling(SAMPLE_INTERVAL_MS, open ? CoordinatedOmission.off()
                        : correction(s, sessionPolicy(config, s).thinkTime().floorMs())));
        return side.isEmpty() ? plan : plan.withWorkloads(side);
    }

    /** More than one workload, or one that starts late or sends only some steps: run as workloads side by side. */
    private static boolean sideBySide(TestConfig config) {
        return config.workloads().size() > 1 || config.workloads().stream().anyMatch(w -> w.startTimeMs() > 0
                || w.steps().size() != config.scenarios().size() || w.flows().size() != config.flows().size());
    }

    /**
     * The plan with its requests encoded for the protocol version the preflight session negotiated: built once the
     * server is known, so an era-aware encoder (the 2026-07-28 era's {@code _meta} and headers, issue 16) can be
     * chosen here without the hot path ever asking. Every 2025-era version encodes the same bytes.
     */
    public static Plan withRequestsFor(Plan plan, TestConfig config, String protocolVersion) {
        Plan encoded = plan.withMix(new Plan.Mix(steps(config, protocolVersion), flows(config), plan.mix().seed()));
        return rediscoversInVain(config, protocolVersion)
                ? encoded.withSession(encoded.session().withRediscovery(Rediscovery.ONCE)) : encoded;
    }

    /** Whether the profile asks server/discover again of a server whose older era has none. */
    private static boolean rediscoversInVain(TestConfig config, String protocolVersion) {
        return config.session().discover() != Refresh.ONCE && protocolVersion != null
                && !ProtocolVersions.isModern(protocolVersion);
    }

    /**
     * What the server's era leaves out of the profile, to say before the run (null: all of it applies): an older
     * era has no {@code server/discover} to ask again, its sessions initialize once.
     */
    public static String eraNote(TestConfig config, String protocolVersion) {
        if (!rediscoversInVain(config, protocolVersion)) {
            return null;
        }
        return "[session] discover = \"" + config.session().discover().label() + "\" applies to 2026-07-28"
                + " servers; this one speaks " + protocolVersion + ", whose sessions initialize once: no"
                + " server/discover is sent";
    }

    /** The {@code [[flow]]} blocks, as the engine runs them. */
    static List<Plan.Flow> flows(TestConfig config) {
        return config.flows().stream().map(f -> new Plan.Flow(f.name(), f.steps(), f.weight())).toList();
    }

    /** The weighted steps, each with its metric key and its request encoded once ({@code version} null: not known). */
    static List<Step> steps(TestConfig config, String protocolVersion) {
        List<Step> steps = new ArrayList<>();
        List<MetricKey> keys = StepKeys.of(config.scenarios());
        for (int i = 0; i < keys.size(); i++) {
            ScenarioStep step = config.scenarios().get(i);
            steps.add(new Step(keys.get(i), template(step), step.weight()));
        }
        if (config.session().listTools() != Refresh.NEVER) {
            // the session's own tools/list (index: after the scenario's steps), sent only by the listing
            steps.add(new Step(new MetricKey(McpMethods.TOOLS_LIST, ""), McpRequests.list(McpMethods.TOOLS_LIST,
                    null), 0));
        }
        if (config.session().discover() == Refresh.WHEN_STALE) {
            // the session's own server/discover again (index: after the listing's), sent only by the rediscovery
            steps.add(new Step(new MetricKey(McpMethods.SERVER_DISCOVER, ""), McpRequests.DISCOVER, 0));
        }
        return steps;
    }

    /** The VU's session profile: [session] when present, else one session held with request_interval_ms pauses. */
    static Plan.SessionPolicy sessionPolicy(TestConfig config, Settings s) {
        SessionConfig c = config.session();
        ThinkTime think = c.thinkTime() != null ? c.thinkTime() : ThinkTime.fixed(s.requestIntervalMs());
        ToolListing listing = c.listTools() == Refresh.NEVER ? ToolListing.NEVER
                : new ToolListing(c.listTools(), config.scenarios().size());
        Rediscovery rediscovery = c.discover() == Refresh.ONCE ? Rediscovery.ONCE
                : new Rediscovery(c.discover(), config.scenarios().size() + (listing.lists() ? 1 : 0));
        return new Plan.SessionPolicy(think, c.calls(), c.sessionDurationMs(), c.arrivalJitterMs(),
                new RetryPolicy(s.honorRetryAfter()), listing, rediscovery);
    }

    /** {@code expected_interval_ms}: not set → derived per key; 0 → off; N → derived, at least N ms. */
    static CoordinatedOmission correction(Settings s, long thinkFloorMs) {
        if (s.expectedIntervalMs() == 0) {
            return CoordinatedOmission.off();
        }
        long floorMicros = Math.max(0, s.expectedIntervalMs()) * 1000L;
        return CoordinatedOmission.derived(floorMicros, thinkFloorMs * 1000L);
    }

    /**
     * What to tell the user about the plan before it runs, so no warning contradicts what runs: with the stages
     * running, that {@code [settings]} values are ignored; with {@code --vus}/{@code --duration} replacing the
     * stages (as in k6), exactly what runs instead and where each number comes from.
     */
    public static List<String> warnings(TestConfig config, Overrides o) {
        List<String> warnings = new ArrayList<>();
        if (useWorkload(config, o) || useStages(config, o)) {
            if (config.stagesWarning() != null) {
                warnings.add(config.stagesWarning());
            }
        } else if (!config.workloads().isEmpty() || !config.stages().isEmpty()) {
            Settings file = config.settings();
            Settings s = effectiveSettings(config, o);
            int n = config.stages().size();
            String flags = o.vus() != null && o.durationSecs() != null ? "--vus and --duration replace"
                    : o.vus() != null ? "--vus replaces" : "--duration replaces";
            String vusFrom = o.vus() != null ? "--vus" : file.virtualUsersSet() ? "[settings] virtual_users"
                    : "the default virtual_users";
            String durationFrom = o.durationSecs() != null ? "--duration" : file.durationSet()
                    ? "[settings] duration_secs" : "the default duration_secs";
            String replaced = !config.workloads().isEmpty() ? workloadNames(config)
                    : n + " [[stage]] block" + (n == 1 ? "" : "s");
            warnings.add(flags + " the " + replaced + " of " + config.sourceLabel() + " (as in k6): running a flat " + s.virtualUsers()
                    + (s.virtualUsers() == 1 ? " VU" : " VUs") + " (" + vusFrom + ") for " + s.durationSecs()
                    + " s (" + durationFrom + ") instead");
        }
        return warnings;
    }

    /**
     * Where the most VUs the plan asks for come from, for a message about that number: the flag, the stage (with
     * file and line) or the setting.
     */
    public static String peakVusSource(TestConfig config, Overrides o) {
        if (o.vus() != null) {
            return "--vus " + o.vus();
        }
        if (useWorkload(config, o)) {
            int max = config.workloads().stream().mapToInt(w -> w.executor().maxVus()).sum();
            return config.sourceLabel() + ":" + config.workloads().get(0).line() + ": " + workloadNames(config)
                    + " (up to " + max + " VUs)";
        }
        if (useStages(config, o)) {
            StageConfig peak = config.stages().get(0);
            int index = 0;
            for (int i = 1; i < config.stages().size(); i++) {
                if (config.stages().get(i).targetVus() > peak.targetVus()) {
                    peak = config.stages().get(i);
                    index = i;
                }
            }
            return config.sourceLabel() + ":" + peak.line() + ": [[stage]] #" + (index + 1) + " target_vus = "
                    + peak.targetVus();
        }
        return config.sourceLabel() + (config.virtualUsersLine() > 0 ? ":" + config.virtualUsersLine() : "")
                + ": [settings] virtual_users = " + config.settings().virtualUsers();
    }

    private static String workloadNames(TestConfig config) {
        return String.join(" and ", config.workloads().stream().map(w -> "[workload." + w.name() + "]").toList());
    }

    /** A {@code [workload]} sets the schedule unless {@code --vus}/{@code --duration} replace it (as in k6). */
    static boolean useWorkload(TestConfig config, Overrides o) {
        return !config.workloads().isEmpty() && o.vus() == null && o.durationSecs() == null;
    }

    static boolean useStages(TestConfig config, Overrides o) {
        return config.workloads().isEmpty() && !config.stages().isEmpty() && o.vus() == null && o.durationSecs() == null;
    }

    static Settings effectiveSettings(TestConfig config, Overrides o) {
        Settings s = config.settings();
        if (o.vus() != null) {
            s = s.withVirtualUsers(o.vus());
        }
        if (o.durationSecs() != null) {
            s = s.withDurationSecs(o.durationSecs());
        }
        return s;
    }

    static RequestTemplate template(ScenarioStep step) {
        return switch (step.type()) {
            case ScenarioStep.TOOLS_CALL -> McpRequests.toolsCall(step.name(), step.arguments());
            case ScenarioStep.RESOURCES_READ -> McpRequests.resourcesRead(step.name());
            case ScenarioStep.PROMPTS_GET -> McpRequests.promptsGet(step.name(), step.arguments());
            case ScenarioStep.TOOLS_LIST -> McpRequests.list(McpMethods.TOOLS_LIST, null);
            case ScenarioStep.PING -> McpRequests.ping();
            default -> throw new IllegalArgumentException("unknown scenario type " + step.type());
        };
    }

    /** The configuration as it ran, for the report: effective settings, scenario, stages, limits. */
    public static ObjectNode describe(TestConfig config, Overrides o, Plan plan) {
        Settings s = effectiveSettings(config, o);
        ObjectNode root = Json.object();
        root.put("source", config.sourceLabel());
        ObjectNode settings = root.putObject("settings");
        settings.put("virtual_users", s.virtualUsers());
        settings.put("duration_secs", s.durationSecs());
        settings.put("timeout_ms", s.timeoutMs());
        if (s.expectedIntervalMs() != Settings.EXPECTED_INTERVAL_DERIVED) {
            settings.put("expected_interval_ms", s.expectedIntervalMs());
        }
        settings.put("co_correction", plan.sampling().correction().describe());
        settings.put("honor_retry_after", s.honorRetryAfter());
        settings.put("graceful_stop_ms", plan.limits().gracefulStopMs());
        settings.put("max_message_bytes", s.maxMessageBytes());
        settings.put("request_interval_ms", s.requestIntervalMs());
        settings.put("max_opening_sessions", s.maxOpeningSessions());
        ArrayNode scenario = root.putArray("scenario");
        for (ScenarioStep step : config.scenarios()) {
            ObjectNode n = scenario.addObject();
            n.put("type", step.type());
            if (step.label() != null) {
                n.put("name", step.label());
            }
            n.put("weight", step.weight());
            switch (step.type()) {
                case ScenarioStep.TOOLS_CALL -> n.put("tool", step.name());
                case ScenarioStep.RESOURCES_READ -> n.put("uri", step.name());
                case ScenarioStep.PROMPTS_GET -> n.put("prompt", step.name());
                default -> {
                }
            }
            if (step.arguments() != null) {
                n.set("arguments", step.arguments());
            }
        }
        if (!config.flows().isEmpty()) {
            List<String> refs = StepKeys.references(StepKeys.of(config.scenarios()));
            ArrayNode flows = root.putArray("flow");
            for (FlowConfig f : config.flows()) {
                ObjectNode n = flows.addObject();
                n.put("name", f.name());
                n.put("weight", f.weight());
                ArrayNode order = n.putArray("steps");
                f.steps().forEach(i -> order.add(refs.get(i)));
            }
        }
        ArrayNode stages = root.putArray("stages");
        if (useStages(config, o)) {
            for (StageConfig st : config.stages()) {
                ObjectNode n = stages.addObject();
                n.put("target_vus", st.targetVus());
                n.put("duration_secs", st.durationSecs());
            }
        }
        if (useWorkload(config, o)) {
            root.put("workload", String.join(", ", config.workloads().stream().map(WorkloadConfig::name).toList()));
        }
        root.put("executor", plan.executor().name());
        Plan.SessionPolicy sp = plan.session();
        ObjectNode session = root.putObject("session");
        session.put("think_time", sp.thinkTime().describe());
        session.put("calls", sp.calls().isZero() ? "unlimited" : sp.calls().describe());
        session.put("session_duration_ms", sp.sessionDurationMs());
        session.put("arrival_jitter_ms", sp.arrivalJitterMs().describe());
        if (sp.listing().lists()) {
            session.put("list_tools", sp.listing().mode().label());
        }
        if (sp.rediscovery().refreshes()) {
            session.put("discover", sp.rediscovery().mode().label());
        }
        ObjectNode schedule = root.putObject("schedule");
        schedule.put("duration_secs", plan.executor().durationMs() / 1000.0);
        schedule.put("max_vus", plan.executor().maxVus());
        if (plan.executor() instanceof OpenExecutor open) {
            schedule.put("pre_allocated_vus", open.preAllocatedVus());
            schedule.put("per", open.sessionPerIteration() ? "session" : "request");
            if (open.stageCount() == 0) {
                schedule.put("rate_per_sec", open.ratePerSecondAt(0));
            }
        }
        root.put("iterations", plan.limits().iterations());
        root.put("seed", plan.mix().seed());
        return root;
    }
}
