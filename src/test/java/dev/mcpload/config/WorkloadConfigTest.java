package dev.mcpload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.engine.Plan;
import dev.mcpload.engine.executor.ConstantArrivalRateExecutor;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.engine.executor.RampingArrivalRateExecutor;
import dev.mcpload.engine.executor.RampingVusExecutor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code [workload.NAME]} with k6's executor names and keys, durations with units, and one clear error each. */
class WorkloadConfigTest {
    private static final String STEP = "\n[[scenario]]\ntype = \"tools/call\"\ntool = \"add\"\n";

    private static Plan plan(String toml) {
        return PlanBuilder.build(ConfigLoader.parse(toml + STEP, Path.of("w.toml")), PlanBuilder.Overrides.NONE);
    }

    private static void fails(String toml, String... fragments) {
        assertThatThrownBy(() -> ConfigLoader.parse(toml + STEP, Path.of("w.toml")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void aConstantArrivalRateWithK6sKeysAndUnits() {
        Plan p = plan("""
                [workload.api]
                executor = "constant-arrival-rate"
                rate = 50
                time_unit = "500ms"
                duration = "1m30s"
                pre_allocated_vus = 4
                max_vus = 20
                """);
        assertThat(p.executor()).isEqualTo(new ConstantArrivalRateExecutor(50, 500, 90_000, 4, 20));
        assertThat(((ConstantArrivalRateExecutor) p.executor()).ratePerSecondAt(0)).isEqualTo(100);
        assertThat(p.sampling().correction().describe()).as("timed from intended starts: nothing to fill in")
                .isEqualTo("off");
    }

    @Test
    void maxVusDefaultsToThePreAllocatedPool() {
        Plan p = plan("[workload.w]\nexecutor = \"constant-arrival-rate\"\nrate = 10\nduration = 5\n"
                + "pre_allocated_vus = 3\n");
        assertThat(p.executor().maxVus()).isEqualTo(3);
        assertThat(p.executor().durationMs()).isEqualTo(5000);
    }

    @Test
    void rampingExecutorsReadTheirStages() {
        Plan rate = plan("""
                [workload.ramp]
                executor = "ramping-arrival-rate"
                start_rate = 10
                stages = [{ target = 100, duration = "30s" }, { target = 0, duration = "10s" }]
                pre_allocated_vus = 5
                max_vus = 50
                """);
        assertThat(rate.executor()).isInstanceOf(RampingArrivalRateExecutor.class);
        assertThat(rate.executor().durationMs()).isEqualTo(40_000);
        assertThat(rate.executor().stageCount()).isEqualTo(2);
        Plan vus = plan("""
                [workload.ramp]
                executor = "ramping-vus"
                stages = [{ target = 20, duration = "2m" }]
                """);
        assertThat(vus.executor()).isInstanceOf(RampingVusExecutor.class);
        assertThat(vus.executor().maxVus()).isEqualTo(20);
        Plan flat = plan("[workload.flat]\nexecutor = \"constant-vus\"\nvus = 7\nduration = \"45s\"\n");
        assertThat(flat.executor()).isEqualTo(new ConstantVusExecutor(7, 45_000));
    }

    @Test
    void severalWorkloadsRunSideBySideEachWithItsStepsAndStart() {
        String toml = """
                [workload.browse]
                executor = "constant-vus"
                vus = 2
                duration = "10s"
                steps = ["add"]

                [workload.burst]
                executor = "constant-arrival-rate"
                rate = 20
                duration = "5s"
                start_time = "3s"
                pre_allocated_vus = 2
                steps = ["echo"]

                [[scenario]]
                type = "tools/call"
                tool = "add"

                [[scenario]]
                type = "tools/call"
                tool = "echo"
                """;
        Plan p = PlanBuilder.build(ConfigLoader.parse(toml, Path.of("w.toml")), PlanBuilder.Overrides.NONE);
        assertThat(p.workloads()).extracting(Plan.Workload::name).containsExactly("browse", "burst");
        assertThat(p.workloads().get(0).stepIndices()).containsExactly(0);
        assertThat(p.workloads().get(1).stepIndices()).containsExactly(1);
        assertThat(p.workloads().get(1).startTimeMs()).isEqualTo(3000);
        assertThat(p.executor().durationMs()).isEqualTo(10_000);
        assertThat(p.executor().maxVus()).isEqualTo(4);
        assertThat(p.sampling().correction().describe()).isEqualTo("off");
    }

    @Test
    void flagsReplaceTheWorkloadWithAFlatLoadAndSaySo() {
        TestConfig c = ConfigLoader.parse("[workload.api]\nexecutor = \"constant-arrival-rate\"\nrate = 10\n" + STEP,
                Path.of("w.toml"));
        PlanBuilder.Overrides o = new PlanBuilder.Overrides(3, 4, null, 1L);
        assertThat(PlanBuilder.build(c, o).executor()).isEqualTo(new ConstantVusExecutor(3, 4000));
        assertThat(PlanBuilder.warnings(c, o)).singleElement().asString().contains("[workload.api]");
    }

    @Test
    void badWorkloadsGetOneParagraphEachNamingLineAndKey() {
        fails("[workload.api]\nexecutor = \"constant-arival-rate\"\n", "w.toml:2:",
                "executor 'constant-arival-rate' is not one mcpload runs", "did you mean 'constant-arrival-rate'");
        fails("[workload.api]\nrate = 5\n", "w.toml:1:", "has no 'executor'", "ramping-arrival-rate");
        fails("[workload.api]\nexecutor = \"constant-arrival-rate\"\nduration = \"10 seconds\"\nrate = 1\n",
                "w.toml:3:", "duration must be a duration", "\"150ms\"");
        fails("[workload.api]\nexecutor = \"constant-arrival-rate\"\nrate = 5\npre_allocated_vus = 10\n"
                + "max_vus = 2\n", "w.toml:5:", "max_vus = 2 is below pre_allocated_vus = 10");
        fails("[workload.api]\nexecutor = \"constant-arrival-rate\"\n", "needs rate > 0");
        fails("[workload.api]\nexecutor = \"constant-vus\"\nvus = 2\nrate = 3\n", "w.toml:4:", "unknown key 'rate'");
        fails("[workload.a]\nexecutor = \"constant-vus\"\nsteps = [\"adx\"]\n", "w.toml:3:",
                "steps #1 adx is not the name of a [[scenario]] step", "did you mean 'add'");
    }

    @Test
    void theSeedChaptersSecondsKeysTakeUnitsToo() {
        Plan p = PlanBuilder.build(ConfigLoader.parse("[settings]\nduration_secs = \"2m\"\n" + STEP,
                Path.of("w.toml")), PlanBuilder.Overrides.NONE);
        assertThat(p.executor().durationMs()).isEqualTo(120_000);
        Plan staged = PlanBuilder.build(ConfigLoader.parse("[[stage]]\ntarget_vus = 2\nduration_secs = \"1m30s\"\n"
                + STEP, Path.of("w.toml")), PlanBuilder.Overrides.NONE);
        assertThat(staged.executor().durationMs()).isEqualTo(90_000);
        fails("[settings]\nduration_secs = \"1500ms\"\n", "w.toml:2:", "duration_secs must be whole seconds");
    }

    @Test
    void durationsTakeUnits() {
        assertThat(DurationText.parseMs("150ms")).isEqualTo(150);
        assertThat(DurationText.parseMs("8s")).isEqualTo(8000);
        assertThat(DurationText.parseMs("8")).isEqualTo(8000);
        assertThat(DurationText.parseMs("5m")).isEqualTo(300_000);
        assertThat(DurationText.parseMs("1m30s")).isEqualTo(90_000);
        assertThat(DurationText.parseMs("1.5s")).isEqualTo(1500);
        assertThat(DurationText.parseMs("1h")).isEqualTo(3_600_000);
        assertThat(DurationText.parseMs("ten")).isEqualTo(-1);
        assertThat(DurationText.parseMs("5 m")).isEqualTo(-1);
        assertThat(DurationText.parseMs("")).isEqualTo(-1);
    }
}
