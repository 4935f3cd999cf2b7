package dev.mcpload.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.ScenarioStep;
import dev.mcpload.config.TestConfig;
import dev.mcpload.protocol.Json;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ConfigGeneratorTest {
    private static final InitializeResult SERVER = new InitializeResult("2025-11-25", "srv", "1.0", Json.object(),
            null, TransportKind.STREAMABLE_HTTP);

    private static JsonNode schema(String json) {
        return Json.parse(json);
    }

    @Test
    void argumentsFollowTheSchema() {
        ObjectNode args = ArgumentSynthesizer.forTool(schema("""
                {"type":"object","required":["q","n","mode","tags","when","ratio","flag","opt","nested","ref","any","c"],
                 "properties":{
                   "q":{"type":"string","minLength":12},
                   "n":{"type":"integer","minimum":5,"maximum":9},
                   "mode":{"type":"string","enum":["fast","slow"]},
                   "tags":{"type":"array","items":{"type":"string"},"minItems":2},
                   "when":{"type":"string","format":"date-time"},
                   "ratio":{"type":"number","exclusiveMinimum":0,"maximum":0.5},
                   "flag":{"type":"boolean"},
                   "opt":{"type":["null","integer"],"default":3},
                   "nested":{"type":"object","required":["x"],"properties":{"x":{"type":"integer","examples":[42]}}},
                   "ref":{"$ref":"#/$defs/thing"},
                   "any":{"anyOf":[{"type":"null"},{"type":"integer","minimum":-3,"maximum":-1}]},
                   "c":{"const":"fixed"},
                   "notRequired":{"type":"string"}
                 },
                 "$defs":{"thing":{"type":"string","format":"email"}}}
                """));
        assertThat(args.path("q").asString()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(args.path("n").asInt()).isEqualTo(5);
        assertThat(args.path("mode").asString()).isEqualTo("fast");
        assertThat(args.path("tags").size()).isEqualTo(2);
        assertThat(args.path("when").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(args.path("ratio").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(0.5);
        assertThat(args.path("flag").isBoolean()).isTrue();
        assertThat(args.path("opt").asInt()).isEqualTo(3);
        assertThat(args.path("nested").path("x").asInt()).isEqualTo(42);
        assertThat(args.path("ref").asString()).isEqualTo("user@example.com");
        assertThat(args.path("any").asInt()).isBetween(-3, -1);
        assertThat(args.path("c").asString()).isEqualTo("fixed");
        assertThat(args.has("notRequired")).isFalse();
    }

    @Test
    void optionalDurationsGetTheirSmallestValueOtherOptionalsAreLeftOut() {
        ObjectNode args = ArgumentSynthesizer.forTool(schema("""
                {"type":"object","properties":{
                  "duration":{"type":"number","default":10},
                  "delayMs":{"type":"integer","minimum":5},
                  "steps":{"type":"number","default":5},
                  "label":{"type":"string"}}}
                """));
        assertThat(args.path("duration").asInt()).isEqualTo(1);
        assertThat(args.path("delayMs").asInt()).isEqualTo(5);
        assertThat(args.has("steps")).isFalse();
        assertThat(args.has("label")).isFalse();
    }

    private static ObjectNode readOnly(ObjectNode tool) {
        tool.putObject("annotations").put("readOnlyHint", true);
        return tool;
    }

    @Test
    void awkwardNamesSurviveTheRoundTripAndWeightsNeverRoundToZero() {
        List<JsonNode> tools = new ArrayList<>();
        String[] names = {"with \"quotes\"", "back\\slash", "new\nline", "tab\there", "ünïcödé-名前", "plain_name"};
        for (String n : names) {
            ObjectNode t = Json.object().put("name", n).put("description", "desc of " + n);
            t.set("inputSchema", schema("{\"type\":\"object\",\"required\":[\"k y\"],\"properties\":{\"k y\":{\"type\":\"string\"}}}"));
            tools.add(readOnly(t));
        }
        for (int i = 0; i < 300; i++) {
            tools.add(readOnly(Json.object().put("name", "t" + i).set("inputSchema", Json.object().put("type", "object"))));
        }
        String toml = ConfigGenerator.fromServer("http://127.0.0.1:1/mcp",
                new ServerDiscovery.Catalog(SERVER, tools, List.of(), List.of()));
        TestConfig cfg = ConfigLoader.parse(toml, null);
        assertThat(cfg.scenarios()).hasSize(306);
        assertThat(cfg.scenarios()).extracting(ScenarioStep::name).contains(names);
        assertThat(cfg.scenarios()).allSatisfy(s -> assertThat(s.weight()).isGreaterThanOrEqualTo(1));
        assertThat(cfg.scenarios().get(0).arguments().has("k y")).isTrue();
    }

    /**
     * Before, every tool the name heuristic missed was written active (and init called it once): a tool is now
     * active only if the server marks it read-only; the others are commented out and say why and how to opt in.
     */
    @Test
    void onlyReadOnlyToolsAreActiveTheOthersAreCommentedOutWithAReasonAndTheFileStillRuns() {
        List<JsonNode> tools = List.of(
                Json.object().put("name", "gzip-file-as-resource").put("description",
                        "Compresses a single file using gzip compression. Fetches the file from a URL."),
                Json.object().put("name", "send_email").put("description", "Sends an email to a user"),
                Json.object().put("name", "delete_record").put("description", "Deletes a record"),
                Json.object().put("name", "create_order").put("description", "Charges the customer card"),
                Json.object().put("name", "sleep").put("description",
                        "Wait, then answer. Sends notifications/progress when asked."),
                readOnly(Json.object().put("name", "echo").put("description", "Echoes back the input")));
        String toml = ConfigGenerator.fromServer("http://127.0.0.1:1/mcp",
                new ServerDiscovery.Catalog(SERVER, tools, List.of(), List.of()));
        TestConfig cfg = ConfigLoader.parse(toml, null);
        assertThat(cfg.scenarios()).extracting(ScenarioStep::name).containsExactly("echo");
        assertThat(toml).contains("# tool = \"gzip-file-as-resource\"").contains("mentions 'fetches'")
                .contains("# tool = \"send_email\"").contains("# tool = \"delete_record\"")
                .contains("# tool = \"create_order\"").contains("mentions 'create'")
                .contains("# tool = \"sleep\"").contains("not annotated readOnlyHint: true")
                .contains("--probe");
    }

    @Test
    void withProbeUnannotatedToolsAreActiveButUnsafeOnesNeverAre() {
        ServerDiscovery.Catalog catalog = new ServerDiscovery.Catalog(SERVER, List.of(
                Json.object().put("name", "create_order").put("description", "Charges the customer card"),
                Json.object().put("name", "get_time").put("description", "Returns the server's clock")),
                List.of(), List.of());
        assertThat(ConfigGenerator.candidates(catalog, ProbePolicy.UNFLAGGED))
                .extracting(Candidate::name, Candidate::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("create_order", Candidate.Status.UNSAFE),
                        org.assertj.core.groups.Tuple.tuple("get_time", Candidate.Status.ACTIVE));
        assertThat(ConfigGenerator.candidates(catalog, ProbePolicy.READ_ONLY)).extracting(Candidate::status)
                .containsExactly(Candidate.Status.UNSAFE, Candidate.Status.NOT_READ_ONLY);
    }

    @Test
    void theSummaryCountsWhatWasCalledAndWhatWasLeftOutAndWhy() {
        List<Candidate> c = List.of(
                Candidate.active("tools/call", "a", null, ""),
                Candidate.active("resources/read", "r", null, ""),
                Candidate.active("tools/call", "b", null, "").with(Candidate.Status.FAILED, "x"),
                Candidate.active("tools/call", "c", null, "").with(Candidate.Status.UNSAFE, "x"),
                Candidate.active("tools/call", "d", null, "").with(Candidate.Status.NOT_READ_ONLY, "x"),
                Candidate.active("tools/call", "e", null, "").with(Candidate.Status.NOT_READ_ONLY, "x"));
        assertThat(InitSummary.of(c, ProbePolicy.READ_ONLY)).isEqualTo("Called 3 steps once (reads only:"
                + " resources, prompts, tools annotated readOnlyHint: true): 2 ready; left out, commented with the"
                + " reason: 1 failed when called, 1 may have side effects (never called), 2 not annotated"
                + " readOnlyHint: true (not called; --probe tries them).");
        assertThat(InitSummary.of(c.subList(0, 2), ProbePolicy.NONE))
                .isEqualTo("Called nothing but the list methods (--no-probe): 2 read-only steps written untried;"
                        + " nothing left out.");
    }

    @Test
    void allRiskyStillGivesARunnableFile() {
        String toml = ConfigGenerator.fromServer("u", new ServerDiscovery.Catalog(SERVER,
                List.of(Json.object().put("name", "fetch")), List.of(), List.of()));
        assertThat(ConfigLoader.parse(toml, null).scenarios()).extracting(ScenarioStep::type)
                .containsExactly("tools/list");
    }
}
