package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.cli.Main;
import dev.mcpload.config.ConfigLoader;
import dev.mcpload.config.ScenarioStep;
import dev.mcpload.config.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpload init} against a server that counts every call: a shop whose {@code create_order} charges the
 * customer's card (the tool a real init once called), next to a harmless unannotated tool, a read-only one, a
 * destructive one and one that reaches the outside world. Init may call only what is marked read-only, plus
 * the unflagged tools when {@code --probe} asks, and never {@code create_order}.
 */
@Timeout(60)
class InitSafetyTest {
    /** What init may send without calling anything, whatever the flags (server/discover: the era probe). */
    private static final Set<String> LIST_METHODS = Set.of("server/discover", "initialize",
            "notifications/initialized", "tools/list", "resources/list", "prompts/list");

    @TempDir
    Path dir;
    private ScriptedServer shop;

    @BeforeEach
    void startShop() {
        shop = new ScriptedServer();
        shop.on("initialize", (request, exchange) -> {
            exchange.getResponseHeaders().set("Mcp-Session-Id", ScriptedServer.SESSION);
            ScriptedServer.json(exchange, 200, ScriptedServer.response(request.id(), "{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{\"tools\":{},\"resources\":{},\"prompts\":{}},"
                    + "\"serverInfo\":{\"name\":\"shop\",\"version\":\"1\"}}"));
        });
        // two pages, so the tools behind the cursor are judged too
        shop.on("tools/list", (request, exchange) -> {
            boolean second = request.json().path("params").has("cursor");
            String page = second ? """
                    {"tools":[
                      {"name":"compact_storage","description":"Frees space.",
                       "annotations":{"destructiveHint":true},"inputSchema":{"type":"object"}},
                      {"name":"weather","description":"Current conditions for a city.",
                       "annotations":{"openWorldHint":true},"inputSchema":{"type":"object"}}]}
                    """ : """
                    {"tools":[
                      {"name":"create_order","description":"Charges the customer card and ships the goods.",
                       "inputSchema":{"type":"object","required":["sku"],"properties":{"sku":{"type":"string"}}}},
                      {"name":"get_time","description":"Returns the server's clock.",
                       "inputSchema":{"type":"object"}},
                      {"name":"lookup_stock","description":"Returns the stock level of a product.",
                       "annotations":{"readOnlyHint":true},
                       "inputSchema":{"type":"object","required":["sku"],"properties":{"sku":{"type":"string"}}}}],
                     "nextCursor":"2"}
                    """;
            ScriptedServer.json(exchange, 200, ScriptedServer.response(request.id(), page));
        });
        shop.on("tools/call", (request, exchange) ->
                ScriptedServer.json(exchange, 200, ScriptedServer.textResult(request.id(), "ok")));
        shop.on("resources/list", (request, exchange) -> ScriptedServer.json(exchange, 200, ScriptedServer.response(
                request.id(), "{\"resources\":[{\"uri\":\"shop://catalog\",\"name\":\"catalog\"}]}")));
        shop.on("resources/read", (request, exchange) -> ScriptedServer.json(exchange, 200, ScriptedServer.response(
                request.id(), "{\"contents\":[{\"uri\":\"shop://catalog\",\"text\":\"sku-1\"}]}")));
        shop.on("prompts/list", (request, exchange) -> ScriptedServer.json(exchange, 200, ScriptedServer.response(
                request.id(), "{\"prompts\":[{\"name\":\"recommend\"}]}")));
        shop.on("prompts/get", (request, exchange) -> ScriptedServer.json(exchange, 200, ScriptedServer.response(
                request.id(), "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"hi\"}}]}")));
    }

    @AfterEach
    void stopShop() {
        shop.close();
    }

    /** Every tools/call the shop received, by tool name. */
    private Map<String, Integer> toolCalls() {
        Map<String, Integer> calls = new TreeMap<>();
        for (ScriptedServer.Request r : shop.all) {
            if ("tools/call".equals(r.method())) {
                calls.merge(r.json().path("params").path("name").asString(""), 1, Integer::sum);
            }
        }
        return calls;
    }

    private List<String> methods() {
        return shop.all.stream().map(ScriptedServer.Request::method).filter(m -> m != null).toList();
    }

    private String init(Path cfg, String... flags) {
        String[] args = new String[3 + flags.length];
        args[0] = "init";
        args[1] = shop.url();
        args[2] = "--output=" + cfg;
        System.arraycopy(flags, 0, args, 3, flags.length);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(Main.execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void byDefaultInitCallsOnlyTheReadOnlyToolAndReads() throws Exception {
        Path cfg = dir.resolve("loadtest.toml");
        String out = init(cfg);

        assertThat(toolCalls()).isEqualTo(Map.of("lookup_stock", 1));
        assertThat(methods()).allMatch(m -> LIST_METHODS.contains(m)
                || Set.of("tools/call", "resources/read", "prompts/get").contains(m));
        assertThat(out).contains("Found 5 tools, 1 resource, 1 prompt.")
                .contains("Called 3 steps once").contains("3 ready")
                .contains("3 may have side effects (never called)")
                .contains("1 not annotated readOnlyHint: true (not called; --probe tries it)");

        TestConfig config = ConfigLoader.load(cfg);
        assertThat(config.scenarios()).extracting(ScenarioStep::name)
                .containsExactly("lookup_stock", "shop://catalog", "recommend");
        String text = Files.readString(cfg);
        assertThat(text).contains("# tool = \"create_order\"").contains("it may have side effects")
                .contains("its name mentions 'create'")
                .contains("# tool = \"get_time\"").contains("not annotated readOnlyHint: true")
                .contains("# tool = \"compact_storage\"").contains("destructiveHint: true")
                .contains("# tool = \"weather\"").contains("openWorldHint: true");
    }

    @Test
    void withProbeInitAlsoTriesTheHarmlessUnannotatedToolButNeverTheOthers() throws Exception {
        Path cfg = dir.resolve("loadtest.toml");
        String out = init(cfg, "--probe");

        assertThat(toolCalls()).isEqualTo(Map.of("lookup_stock", 1, "get_time", 1));
        assertThat(out).contains("Called 4 steps once").contains("4 ready")
                .contains("3 may have side effects (never called)").doesNotContain("not annotated");
        assertThat(ConfigLoader.load(cfg).scenarios()).extracting(ScenarioStep::name)
                .containsExactly("get_time", "lookup_stock", "shop://catalog", "recommend");
        assertThat(Files.readString(cfg)).contains("# tool = \"create_order\"");
    }

    @Test
    void withNoProbeInitCallsNothingButTheListMethods() throws Exception {
        Path cfg = dir.resolve("loadtest.toml");
        String out = init(cfg, "--no-probe");

        assertThat(toolCalls()).isEmpty();
        assertThat(methods()).isNotEmpty().allMatch(LIST_METHODS::contains);
        assertThat(out).contains("Called nothing but the list methods (--no-probe)");
        // the reads are written active, untried; everything else stays commented out
        assertThat(ConfigLoader.load(cfg).scenarios()).extracting(ScenarioStep::name)
                .containsExactly("lookup_stock", "shop://catalog", "recommend");
    }

    @Test
    void aReadOnlyToolThatFailsWhenTriedIsLeftOutWithWhatTheServerSaid() throws Exception {
        shop.on("tools/call", (request, exchange) -> ScriptedServer.json(exchange, 200, ScriptedServer.response(
                request.id(), "{\"isError\":true,\"content\":[{\"type\":\"text\",\"text\":\"unknown sku\"}]}")));
        Path cfg = dir.resolve("loadtest.toml");
        String out = init(cfg);

        assertThat(toolCalls()).isEqualTo(Map.of("lookup_stock", 1));
        assertThat(out).contains("1 failed when called");
        assertThat(Files.readString(cfg)).contains("# tool = \"lookup_stock\"").contains("'unknown sku'");
    }
}
