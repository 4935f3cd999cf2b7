package dev.mcpload.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpload.engine.Plan;
import dev.mcpload.engine.Range;
import dev.mcpload.engine.ThinkTime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code [session]}: calls per session, think times, session duration and arrival, each error one paragraph. */
class SessionConfigTest {
    private static final String STEP = "\n[[scenario]]\ntype = \"ping\"\n";

    private static Plan.SessionPolicy policy(String toml) {
        return PlanBuilder.build(ConfigLoader.parse(toml + STEP, Path.of("s.toml")), PlanBuilder.Overrides.NONE)
                .session();
    }

    private static void fails(String toml, String... fragments) {
        assertThatThrownBy(() -> ConfigLoader.parse(toml + STEP, Path.of("s.toml")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void withoutASessionTableOneSessionIsHeldWithTheSettingsPause() {
        Plan.SessionPolicy p = policy("[settings]\nrequest_interval_ms = 50\n");
        assertThat(p.thinkTime()).isEqualTo(ThinkTime.fixed(50));
        assertThat(p.churns()).isFalse();
        assertThat(p.arrivalJitterMs()).isEqualTo(Range.ZERO);
    }

    @Test
    void everyKeyIsRead() {
        Plan.SessionPolicy p = policy("""
                [session]
                calls = [3, 12]
                think_time_ms = [1000, 5000]
                session_duration_secs = "2m"
                arrival_jitter_ms = [0, 500]
                """);
        assertThat(p.calls()).isEqualTo(new Range(3, 12));
        assertThat(p.thinkTime()).isEqualTo(ThinkTime.uniform(1000, 5000));
        assertThat(p.sessionDurationMs()).isEqualTo(120_000);
        assertThat(p.arrivalJitterMs()).isEqualTo(new Range(0, 500));
        assertThat(p.churns()).isTrue();
        assertThat(policy("[session]\ncalls = 8\nthink_time = \"exponential\"\nthink_time_ms = 2000\n").thinkTime())
                .isEqualTo(ThinkTime.exponential(2000));
        assertThat(policy("[session]\narrival = \"spike\"\n").arrivalJitterMs()).isEqualTo(Range.ZERO);
    }

    @Test
    void theStandaloneStreamAndClientCapabilitiesAreRead() {
        TestConfig d = ConfigLoader.parse(STEP, Path.of("s.toml"));
        assertThat(d.session().standaloneStream()).isTrue();
        assertThat(d.session().clientCapabilities()).isEmpty();
        TestConfig c = ConfigLoader.parse("[session]\nstandalone_stream = false\nclient_capabilities = [\"roots\","
                + " \"sampling\"]\n" + STEP, Path.of("s.toml"));
        assertThat(c.session().standaloneStream()).isFalse();
        assertThat(c.session().clientCapabilities()).containsExactlyInAnyOrder(
                dev.mcpload.transport.ClientCapability.ROOTS, dev.mcpload.transport.ClientCapability.SAMPLING);
        fails("[session]\nclient_capabilities = [\"telepathy\"]\n", "s.toml:2:", "client_capabilities #1");
    }

    @Test
    void mistakesAreNamedWithLineAndKey() {
        fails("[session]\ncalls = [12, 3]\n", "s.toml:2:", "calls must be a whole number >= 1 or a range");
        fails("[session]\ncalls = 0\n", "s.toml:2:", "calls must be");
        fails("[session]\nthink_time = \"poisson\"\nthink_time_ms = 10\n", "s.toml:2:",
                "think_time 'poisson' is not a distribution");
        fails("[session]\nthink_time = \"exponential\"\nthink_time_ms = [1, 5]\n", "one mean");
        fails("[settings]\nrequest_interval_ms = 5\n[session]\nthink_time_ms = 10\n", "keep one");
        fails("[session]\narrival = \"spike\"\narrival_jitter_ms = [0, 100]\n", "keep one");
        fails("[session]\ncals = 3\n", "unknown key 'cals'", "did you mean 'calls'");
        fails("[session]\nlist_tools = \"always\"\n", "s.toml:2:", "list_tools 'always'", "when_stale");
        fails("[session]\ndiscover = \"always\"\n", "s.toml:2:", "discover 'always'", "when_stale");
        fails("[session]\ndiscover = \"never\"\n", "s.toml:2:", "discover 'never'", "once (per session");
    }

    @Test
    void inputsAreTheAnswersAndDeclareTheirCapabilities() {
        TestConfig c = ConfigLoader.parse("""
                [session]
                client_capabilities = ["roots"]
                [inputs]
                max_round_trips = 3
                [inputs.elicitation]
                action = "accept"
                content = { name = "Ada", age = 36 }
                [inputs.sampling]
                role = "assistant"
                content = { type = "text", text = "ok" }
                model = "canned"
                """ + STEP, Path.of("s.toml"));
        var inputs = c.session().inputs();
        assertThat(inputs.maxRoundTrips()).isEqualTo(3);
        assertThat(inputs.byMethod().get("elicitation/create").toString())
                .isEqualTo("{\"action\":\"accept\",\"content\":{\"name\":\"Ada\",\"age\":36}}");
        assertThat(inputs.byMethod().get("sampling/createMessage").path("model").asString()).isEqualTo("canned");
        assertThat(c.session().declaredCapabilities()).containsExactlyInAnyOrder(
                dev.mcpload.transport.ClientCapability.ROOTS, dev.mcpload.transport.ClientCapability.ELICITATION,
                dev.mcpload.transport.ClientCapability.SAMPLING);
        assertThat(ConfigLoader.parse(STEP, Path.of("s.toml")).session().inputs().isEmpty()).isTrue();
    }

    @Test
    void inputMistakesAreNamedWithLineAndKey() {
        fails("[inputs.elicitation]\naction = \"maybe\"\n", "s.toml:", "[inputs.elicitation] needs action",
                "not 'maybe'");
        fails("[inputs.elicitation]\naction = \"accept\"\ncontent = \"Ada\"\n", "s.toml:3:",
                "content must be a table");
        fails("[inputs.sampling]\nrole = \"assistant\"\n", "[inputs.sampling] needs 'content'", "needs 'model'");
        fails("[inputs.roots]\nroot = []\n", "[inputs.roots] needs roots");
        fails("[inputs.sampl]\nrole = \"assistant\"\n", "unknown key 'sampl'", "did you mean 'sampling'");
        fails("[inputs]\nmax_round_trips = 1\n", "s.toml:2:", "max_round_trips must be at least 2");
        fails("inputs = 3\n", "'inputs' must be a table");
    }
}
