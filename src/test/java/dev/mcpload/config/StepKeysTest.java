package dev.mcpload.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One row per request a user configured: the same tool with other arguments is another row. */
class StepKeysTest {
    private static ScenarioStep add(int a, String label) {
        return new ScenarioStep(ScenarioStep.TOOLS_CALL, 1, "add", Json.object().put("a", a), 0, label);
    }

    @Test
    void sameToolOtherArgumentsIsNumberedSameRequestSharesItsRow() {
        List<MetricKey> keys = StepKeys.of(List.of(add(1, null), add(2, null), add(1, null), add(3, null)));
        assertThat(keys).extracting(MetricKey::name).containsExactly("add", "add#2", "add", "add#3");
    }

    @Test
    void anOwnNameWins() {
        List<MetricKey> keys = StepKeys.of(List.of(add(1, "add small"), add(99999, "add large"), add(1, null)));
        assertThat(keys).extracting(MetricKey::name).containsExactly("add small", "add large", "add");
    }

    @Test
    void theSamePromptInTwoStepsAndAToolOfTheSameNameAreDistinct() {
        ScenarioStep prompt = new ScenarioStep(ScenarioStep.PROMPTS_GET, 1, "add", null, 0, null);
        List<MetricKey> keys = StepKeys.of(List.of(add(1, null), prompt));
        assertThat(keys).containsExactly(new MetricKey("tools/call", "add"), new MetricKey("prompts/get", "add"));
    }

    @Test
    void theNameKeyIsReadFromTheFile() {
        TestConfig c = ConfigLoader.parse("""
                [[scenario]]
                type = "tools/call"
                tool = "add"
                name = "add small"
                arguments = { a = 1, b = 2 }

                [[scenario]]
                type = "tools/call"
                tool = "add"
                arguments = { a = 100000, b = 2 }
                """, java.nio.file.Path.of("x.toml"));
        assertThat(PlanBuilder.build(c, PlanBuilder.Overrides.NONE).steps())
                .extracting(s -> s.key().name()).containsExactly("add small", "add");
    }
}
