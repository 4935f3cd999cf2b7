package dev.mcpload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.engine.Plan;
import dev.mcpload.engine.executor.RampingVusExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("loadtest.toml");

    private static TestConfig parse(String toml) {
        return ConfigLoader.parse(toml, FILE);
    }

    private static void fails(String toml, String... fragments) {
        assertThatThrownBy(() -> parse(toml)).isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void theChaptersFullExampleLoads() {
        TestConfig c = parse("""
                [settings]
                virtual_users = 20
                duration_secs = 120
                timeout_ms = 10000
                expected_interval_ms = 200
                request_interval_ms = 50

                [[scenario]]
                type = "tools/call"
                weight = 70
                tool = "search"
                arguments = { query = "test query", limit = 5, nested = { deep = [1, 2.5, true] } }

                [[scenario]]
                type = "resources/read"
                weight = 20
                uri = "config://settings"

                [[scenario]]
                type = "prompts/get"
                weight = 10
                prompt = "summarize"
                arguments = { text = "sample text for testing" }

                [[scenario]]
                type = "tools/list"
                weight = 1

                [[scenario]]
                type = "ping"
                weight = 0.5
                """);
        assertThat(c.settings().virtualUsers()).isEqualTo(20);
        assertThat(c.settings().expectedIntervalMs()).isEqualTo(200);
        assertThat(c.settings().requestIntervalMs()).isEqualTo(50);
        assertThat(c.scenarios()).hasSize(5);
        ScenarioStep search = c.scenarios().get(0);
        assertThat(search.name()).isEqualTo("search");
        assertThat(search.line()).isEqualTo(8);
        assertThat(search.arguments().path("limit").asInt()).isEqualTo(5);
        assertThat(search.arguments().path("nested").path("deep").get(1).asDouble()).isEqualTo(2.5);
        assertThat(c.scenarios().get(1).name()).isEqualTo("config://settings");
        assertThat(c.warnings()).isEmpty();
        Plan plan = PlanBuilder.build(c, PlanBuilder.Overrides.NONE);
        assertThat(plan.steps()).hasSize(5);
        assertThat(plan.executor().maxVus()).isEqualTo(20);
        assertThat(plan.executor().durationMs()).isEqualTo(120_000);
    }

    @Test
    void stagesWinOverSettingsWithAWarningAndCliOverridesWinOverStages() {
        TestConfig c = parse("""
                [settings]
                virtual_users = 10
                duration_secs = 60

                [[scenario]]
                type = "ping"

                [[stage]]
                target_vus = 20
                duration_secs = 30

                [[stage]]
                target_vus = 0
                duration_secs = 10
                """);
        assertThat(PlanBuilder.warnings(c, PlanBuilder.Overrides.NONE)).singleElement().asString()
                .startsWith("loadtest.toml:2: ").contains("virtual_users and duration_secs are ignored")
                .contains("40 s");
        // with --vus/--duration the stages are what is replaced, and the warning says what runs instead
        assertThat(PlanBuilder.warnings(c, new PlanBuilder.Overrides(5, null, null, null))).singleElement()
                .asString().startsWith("--vus replaces the 2 [[stage]] blocks of loadtest.toml")
                .contains("flat 5 VUs (--vus) for 60 s ([settings] duration_secs)").doesNotContain("ignored");
        Plan staged = PlanBuilder.build(c, PlanBuilder.Overrides.NONE);
        assertThat(staged.executor()).isInstanceOf(RampingVusExecutor.class);
        assertThat(staged.executor().durationMs()).isEqualTo(40_000);
        Plan flat = PlanBuilder.build(c, new PlanBuilder.Overrides(5, 7, 100L, 1L));
        assertThat(flat.executor().maxVus()).isEqualTo(5);
        assertThat(flat.executor().durationMs()).isEqualTo(7_000);
        assertThat(flat.limits().iterations()).isEqualTo(100);
    }

    @Test
    void noScenario() {
        fails("[settings]\nvirtual_users = 1\n", "loadtest.toml:1:", "no [[scenario]]");
    }

    @Test
    void totalWeightZero() {
        fails("[[scenario]]\ntype = \"ping\"\nweight = 0\n", "loadtest.toml:1:", "total weight", "0");
    }

    @Test
    void stageDurationZero() {
        fails("[[scenario]]\ntype = \"ping\"\n\n[[stage]]\ntarget_vus = 5\nduration_secs = 0\n",
                "loadtest.toml:6:", "duration_secs must be greater than 0");
    }

    @Test
    void unknownKeyWithSuggestion() {
        fails("[settings]\nvirtual_user = 3\n\n[[scenario]]\ntype = \"ping\"\n",
                "loadtest.toml:2:", "unknown key 'virtual_user'", "did you mean 'virtual_users'");
        fails("[[scenario]]\ntype = \"tools/call\"\ntool = \"a\"\nwieght = 3\n",
                "loadtest.toml:4:", "[[scenario]] #1", "did you mean 'weight'");
        fails("[setings]\n", "loadtest.toml:1:", "did you mean 'settings'");
    }

    @Test
    void wrongTypesAndNegativeNumbers() {
        fails("[settings]\nvirtual_users = \"ten\"\n[[scenario]]\ntype = \"ping\"\n",
                "loadtest.toml:2:", "virtual_users must be a number, not the string \"ten\"");
        fails("[settings]\ntimeout_ms = -5\n[[scenario]]\ntype = \"ping\"\n",
                "loadtest.toml:2:", "timeout_ms must be at least 1, not -5");
        fails("[settings]\nduration_secs = 1.5\n[[scenario]]\ntype = \"ping\"\n",
                "loadtest.toml:2:", "duration_secs must be whole seconds", "not the number 1.5");
        fails("[[scenario]]\ntype = \"ping\"\nweight = -1\n", "loadtest.toml:3:", "weight must be 0 or more");
        fails("[[scenario]]\ntype = \"tools/call\"\ntool = \"a\"\narguments = 3\n", "loadtest.toml:4:",
                "'arguments' must be a table");
    }

    @Test
    void scenarioTypeRules() {
        fails("[[scenario]]\ntype = \"tools/cal\"\n", "loadtest.toml:2:", "did you mean 'tools/call'");
        fails("[[scenario]]\ntype = \"tools/call\"\n", "loadtest.toml:1:", "needs 'tool'");
        fails("[[scenario]]\ntype = \"resources/read\"\ntool = \"x\"\n", "'tool' does not apply", "uses 'uri'");
        fails("[[scenario]]\nweight = 1\n", "has no 'type'");
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        fails("[settings]\nvirtual_users = = 3\n", "loadtest.toml:2:", "TOML syntax error");
    }

    private static String message(String toml) {
        try {
            parse(toml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("no problem found in:\n" + toml);
    }

    /** Three independent mistakes, the scenario before the settings: all three, by line, each worded as alone. */
    @Test
    void everyProblemOfAFileIsReportedAtOnceSortedByLineEachAsItWouldBeAlone() {
        String scenario = "[[scenario]]\ntype = \"%s\"\ntool = \"add\"\n\n";
        String settings = "[settings]\nvirtual_users = %s\n%s = 10\n";
        String all = scenario.formatted("tools/cal") + settings.formatted("0", "duraton_secs");
        String typeAlone = message(scenario.formatted("tools/cal") + settings.formatted("1", "duration_secs"));
        String vusAlone = message(scenario.formatted("tools/call") + settings.formatted("0", "duration_secs"));
        String keyAlone = message(scenario.formatted("tools/call") + settings.formatted("1", "duraton_secs"));

        assertThat(message(all)).isEqualTo("3 problems in loadtest.toml:\n" + typeAlone + "\n" + vusAlone + "\n"
                + keyAlone);
        assertThat(typeAlone).isEqualTo("loadtest.toml:2: [[scenario]] #1 type 'tools/cal' is not an MCP operation"
                + " mcpload sends; did you mean 'tools/call'?");
        assertThat(vusAlone).isEqualTo("loadtest.toml:6: [settings] virtual_users must be at least 1, not 0");
        assertThat(keyAlone).startsWith("loadtest.toml:7: [settings] unknown key 'duraton_secs'")
                .contains("did you mean 'duration_secs'");
    }

    @Test
    void problemsInEveryEntryAndSectionAreCollected() {
        String m = message("""
                bogus = 1

                [[scenario]]
                type = "ping"
                weight = "heavy"

                [[scenario]]
                type = "resources/read"
                tool = "x"

                [[stage]]
                target_vus = 1

                [[stage]]
                duration_secs = 0
                """);
        assertThat(m.lines()).containsExactly(
                "6 problems in loadtest.toml:",
                "loadtest.toml:1: unknown key 'bogus'; known keys: settings, scenario, flow, stage, workload, session, inputs, thresholds",
                "loadtest.toml:5: [[scenario]] #1 weight must be a number, not the string \"heavy\"",
                "loadtest.toml:9: [[scenario]] #2 'tool' does not apply to type 'resources/read'; it uses 'uri'",
                "loadtest.toml:11: [[stage]] #1 needs 'duration_secs'",
                "loadtest.toml:14: [[stage]] #2 needs 'target_vus'",
                "loadtest.toml:15: [[stage]] #2 duration_secs must be greater than 0");
    }

    /** One mistake, one message: a misspelt or misplaced key is not reported a second time as a missing one. */
    @Test
    void aMisspeltOrMisplacedRequiredKeyIsOneProblemNotTwo() {
        assertThat(message("[[scenario]]\ntype = \"tools/call\"\ntol = \"add\"\n")).isEqualTo(
                "loadtest.toml:3: [[scenario]] #1 unknown key 'tol'; did you mean 'tool'?");
        assertThat(message("[[scenario]]\ntyp = \"ping\"\n")).isEqualTo(
                "loadtest.toml:2: [[scenario]] #1 unknown key 'typ'; did you mean 'type'?");
        assertThat(message("[[scenario]]\ntype = \"resources/read\"\ntool = \"x\"\n")).isEqualTo(
                "loadtest.toml:3: [[scenario]] #1 'tool' does not apply to type 'resources/read'; it uses 'uri'");
        assertThat(message("[[scenario]]\ntype = \"ping\"\n[[stage]]\ntarget_vu = 1\nduration_secs = 1\n"))
                .isEqualTo("loadtest.toml:4: [[stage]] #1 unknown key 'target_vu'; did you mean 'target_vus'?");
        // a key misspelt towards another name key still leaves this type's own one missing
        assertThat(message("[[scenario]]\ntype = \"tools/call\"\nurl = \"x\"\n").lines()).containsExactly(
                "2 problems in loadtest.toml:",
                "loadtest.toml:1: [[scenario]] #1 of type 'tools/call' needs 'tool'",
                "loadtest.toml:3: [[scenario]] #1 unknown key 'url'; did you mean 'uri'?");
    }

    /** Where one problem makes the checks after it meaningless, those are not made. */
    @Test
    void aProblemThatMakesLaterChecksMeaninglessStopsThem() {
        // a syntax error: nothing else is looked at
        assertThat(message("[settings]\nvirtual_users = 0\nfoo = = 1\n[[scenario]]\ntype = \"pong\"\n"))
                .startsWith("loadtest.toml:3:").contains("TOML syntax error").doesNotContain("pong")
                .doesNotContain("virtual_users");
        // a section that is not a table is not looked into; the others still are
        assertThat(message("settings = 5\nscenario = 3\n")).isEqualTo("2 problems in loadtest.toml:\n"
                + "loadtest.toml:1: 'settings' must be a table: write [settings]\n"
                + "loadtest.toml:2: 'scenario' must be written as [[scenario]] blocks");
        assertThat(message("scenario = [1, { type = \"pong\" }]\n")).isEqualTo(
                "loadtest.toml:1: scenario: entry #1 is the number 1, not a table: every scenario entry is a table"
                        + " of keys; write each as a [[scenario]] block");
        // without a type, what depends on it is not checked; an unreadable weight leaves the total unjudged
        assertThat(message("[[scenario]]\ntool = \"x\"\nweight = -1\n")).isEqualTo(
                "2 problems in loadtest.toml:\n"
                        + "loadtest.toml:1: [[scenario]] #1 has no 'type': use one of " + String.join(", ",
                        ScenarioReader.TYPES) + "\n"
                        + "loadtest.toml:3: [[scenario]] #1 weight must be 0 or more, not -1");
        // a stage target that cannot be read leaves "every stage targets 0" unjudged
        assertThat(message("[[scenario]]\ntype = \"ping\"\n[[stage]]\ntarget_vus = -1\nduration_secs = 1\n"))
                .isEqualTo("loadtest.toml:4: [[stage]] #1 target_vus must be 0 or more, not -1");
    }

    @Test
    void locatorWalksUpParents(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve(".mcpload/loadtest.toml");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "[[scenario]]\ntype = \"ping\"\n");
        Path deep = Files.createDirectories(dir.resolve("a/b/c"));
        assertThat(ConfigLocator.find(deep)).contains(cfg.toAbsolutePath().normalize());
        assertThat(ConfigLoader.load(cfg).source()).isEqualTo(cfg);
    }

    /** A project that used cargo pmcp loadtest keeps its .pmcp/loadtest.toml; the nearest file still wins. */
    @Test
    void locatorFallsBackToPmcpNearestDirectoryFirstAndMcploadWinsWithinOne(@TempDir Path dir) throws Exception {
        Path deep = Files.createDirectories(dir.resolve("a/b"));
        Path topPmcp = write(dir.resolve(".pmcp/loadtest.toml"));
        assertThat(ConfigLocator.find(deep)).contains(topPmcp.toAbsolutePath().normalize());
        assertThat(ConfigLocator.isPmcp(topPmcp)).isTrue();

        Path topMcpload = write(dir.resolve(".mcpload/loadtest.toml"));
        assertThat(ConfigLocator.find(deep)).contains(topMcpload.toAbsolutePath().normalize());
        assertThat(ConfigLocator.isPmcp(topMcpload)).isFalse();

        Path nearPmcp = write(dir.resolve("a/.pmcp/loadtest.toml"));
        assertThat(ConfigLocator.find(deep)).contains(nearPmcp.toAbsolutePath().normalize());
    }

    private static Path write(Path cfg) throws Exception {
        Files.createDirectories(cfg.getParent());
        return Files.writeString(cfg, "[[scenario]]\ntype = \"ping\"\n");
    }
}
