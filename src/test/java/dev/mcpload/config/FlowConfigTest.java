package dev.mcpload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.engine.Plan;
import dev.mcpload.engine.executor.OpenExecutor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [[flow]]}: steps by name or inline, weights beside the scenario's, one clear error each; {@code per}. */
class FlowConfigTest {
    private static final String STEPS = """
            [[scenario]]
            type = "tools/list"
            weight = 0

            [[scenario]]
            type = "tools/call"
            tool = "search"
            weight = 0
            arguments = { q = "x" }

            [[scenario]]
            type = "ping"
            weight = 1
            """;

    private static TestConfig parse(String toml) {
        return ConfigLoader.parse(toml, Path.of("f.toml"));
    }

    private static void fails(String toml, String... fragments) {
        assertThatThrownBy(() -> parse(toml)).isInstanceOf(ConfigException.class).satisfies(e -> {
            for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
            }
        });
    }

    @Test
    void aFlowNamesScenarioStepsAndWritesOthersInline() {
        TestConfig c = parse(STEPS + """

                [[flow]]
                name = "browse"
                weight = 3
                steps = ["tools/list", "search", { type = "tools/call", tool = "fetch", arguments = { id = 1 } }]
                """);
        assertThat(c.flows()).hasSize(1);
        FlowConfig f = c.flows().get(0);
        assertThat(f.name()).isEqualTo("browse");
        assertThat(f.weight()).isEqualTo(3);
        assertThat(f.steps()).containsExactly(0, 1, 3);
        // the inline step joins the steps with weight 0: its own row, sent only in the flow
        assertThat(c.scenarios()).hasSize(4);
        assertThat(c.scenarios().get(3).name()).isEqualTo("fetch");
        assertThat(c.scenarios().get(3).weight()).isZero();
        Plan p = PlanBuilder.build(c, PlanBuilder.Overrides.NONE);
        assertThat(p.mix().flows()).containsExactly(new Plan.Flow("browse", List.of(0, 1, 3), 3));
        assertThat(p.mix().sends(3)).isTrue();
        var described = PlanBuilder.describe(c, PlanBuilder.Overrides.NONE, p);
        assertThat(described.path("flow").get(0).path("steps").toString())
                .isEqualTo("[\"tools/list\",\"search\",\"fetch\"]");
    }

    @Test
    void flowsAloneNeedNoScenarioAndCarryTheWeight() {
        TestConfig c = parse("""
                [[flow]]
                steps = [{ type = "tools/list" }, { type = "ping" }]
                """);
        assertThat(c.flows().get(0).name()).isEqualTo("flow #1");
        assertThat(c.flows().get(0).weight()).isEqualTo(1);
        assertThat(PlanBuilder.build(c, PlanBuilder.Overrides.NONE).mix().flows()).hasSize(1);
    }

    @Test
    void everyProblemOfAFlowIsNamedWithItsLine() {
        fails(STEPS + """

                [[flow]]
                name = "browse"
                steps = ["tools/list", "serch", 3, { type = "tools/call" }]
                wieght = 2
                """,
                "f.toml:17: [[flow]] 'browse' steps #2 'serch' is not the name of a [[scenario]] step; did you mean"
                        + " 'search'?",
                "[[flow]] 'browse' steps #3 is the number 3",
                "[[flow]] 'browse' steps #4 of type 'tools/call' needs 'tool'",
                "f.toml:18: [[flow]] 'browse' unknown key 'wieght'");
        fails(STEPS + "\n[[flow]]\nname = \"a\"\n", "[[flow]] 'a' needs 'steps'");
        fails(STEPS + "\n[[flow]]\nsteps = []\n", "steps must list at least one step");
        fails(STEPS + "\n[[flow]]\nsteps = [{ type = \"ping\", weight = 2 }]\n", "unknown key 'weight'");
        fails(STEPS + "\n[[flow]]\nname = \"a\"\nsteps = [\"ping\"]\n[[flow]]\nname = \"a\"\nsteps = [\"ping\"]\n",
                "name 'a' is already the name of an earlier flow");
    }

    @Test
    void theTotalWeightCountsFlowsToo() {
        fails("""
                [[scenario]]
                type = "ping"
                weight = 0

                [[flow]]
                weight = 0
                steps = ["ping"]
                """, "the total weight of all [[scenario]] entries and [[flow]] blocks is 0");
    }

    @Test
    void aWorkloadChoosesFlowsByName() {
        TestConfig c = parse(STEPS + """

                [[flow]]
                name = "browse"
                steps = ["tools/list", "search"]

                [workload.readers]
                executor = "constant-vus"
                vus = 2
                duration = "5s"
                steps = ["browse"]

                [workload.pingers]
                executor = "constant-vus"
                vus = 1
                duration = "5s"
                steps = ["ping"]
                """);
        assertThat(c.workloads().get(0).steps()).isEmpty();
        assertThat(c.workloads().get(0).flows()).containsExactly(0);
        assertThat(c.workloads().get(1).steps()).containsExactly(2);
        Plan p = PlanBuilder.build(c, PlanBuilder.Overrides.NONE);
        Plan readers = p.forWorkload(p.workloads().get(0));
        assertThat(readers.mix().flows()).hasSize(1);
        assertThat(readers.steps().get(2).weight()).as("ping is not the readers' own step").isZero();
        fails(STEPS + "\n[workload.w]\nexecutor = \"constant-vus\"\nsteps = [\"brows\"]\n",
                "is not the name of a [[scenario]] step or a [[flow]]");
    }

    @Test
    void perSessionMakesEachArrivalAWholeSession() {
        TestConfig c = parse(STEPS + """

                [workload.arrivals]
                executor = "constant-arrival-rate"
                rate = 5
                duration = "10s"
                per = "session"
                """);
        Plan p = PlanBuilder.build(c, PlanBuilder.Overrides.NONE);
        assertThat(((OpenExecutor) p.executor()).sessionPerIteration()).isTrue();
        assertThat(PlanBuilder.describe(c, PlanBuilder.Overrides.NONE, p).path("schedule").path("per").asString())
                .isEqualTo("session");
        fails(STEPS + "\n[workload.w]\nexecutor = \"constant-vus\"\nper = \"session\"\n",
                "per = \"session\" applies to the arrival-rate executors only");
        fails(STEPS + "\n[workload.w]\nexecutor = \"constant-arrival-rate\"\nrate = 1\nper = \"call\"\n",
                "per = \"call\": use \"request\"");
    }
}
