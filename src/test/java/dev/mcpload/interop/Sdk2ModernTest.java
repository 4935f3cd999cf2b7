package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * mcpload speaking MCP 2026-07-28 to the official TypeScript SDK v2 server ({@code createMcpHandler}), modern
 * only and dual era, in each response mode: {@code server/discover} as first contact, every operation with
 * {@code _meta} and the mirrored headers the SDK validates (a non-ASCII tool name goes Base64-wrapped in
 * {@code Mcp-Name}; a wrong one would be rejected with -32020), and a whole CLI run whose report says 2026-07-28.
 */
@Timeout(120)
class Sdk2ModernTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            [settings]
            virtual_users = 3
            duration_secs = 2

            [[scenario]]
            type = "tools/call"
            weight = 40
            tool = "echo"
            arguments = { message = "héllo" }

            [[scenario]]
            type = "tools/call"
            weight = 10
            tool = "grüße"

            [[scenario]]
            type = "tools/call"
            weight = 10
            tool = "fail"

            [[scenario]]
            type = "resources/read"
            weight = 20
            uri = "doc://readme"

            [[scenario]]
            type = "prompts/get"
            weight = 20
            prompt = "greet"
            arguments = { name = "Ada" }
            """;

    @ParameterizedTest(name = "legacy={0} responseMode={1}")
    @CsvSource({"reject,auto", "reject,json", "reject,sse", "stateless,json"})
    void everyOperationWorksInTheModernEra(String legacy, String responseMode) throws Exception {
        try (Sdk2Server server = Sdk2Server.start(legacy, responseMode);
             McpClient client = new McpClient(ClientOptions.http(server.url())
                     .withProtocolVersion(ProtocolVersions.V2026_07_28))) {
            McpSession session = client.newSession(SessionListener.NONE);
            InitializeResult discovered = session.initialize().get(20, TimeUnit.SECONDS);
            assertThat(discovered.protocolVersion()).isEqualTo("2026-07-28");
            assertThat(discovered.sessionId()).isNull();
            assertThat(discovered.has("tools")).isTrue();

            IncomingMessage list = get(session, McpRequests.list(McpMethods.TOOLS_LIST, null));
            assertThat(list.result().path("tools").findValuesAsString("name")).contains("echo", "grüße", "fail");
            assertThat(text(get(session, McpRequests.toolsCall("echo", Json.object().put("message", "héllo")))))
                    .isEqualTo("héllo");
            assertThat(text(get(session, McpRequests.toolsCall("grüße", null)))).isEqualTo("servus");
            assertThat(get(session, McpRequests.toolsCall("fail", null)).isToolError()).isTrue();
            assertThat(get(session, McpRequests.resourcesRead("doc://readme")).result().path("contents").get(0)
                    .path("text").asString()).isEqualTo("hello from the SDK v2 server");
            assertThat(get(session, McpRequests.promptsGet("greet", Json.object().put("name", "Ada"))).result()
                    .path("messages").get(0).path("content").path("text").asString()).isEqualTo("Hello, Ada");
            session.close().get(5, TimeUnit.SECONDS);
        }
    }

    /** With no flags (the era detected) and with the version pinned: the same modern run. */
    @ParameterizedTest(name = "legacy={0} responseMode={1} flags={2}")
    @CsvSource(delimiter = '|', value = {"reject|auto|", "stateless|sse|--protocol-version=2026-07-28",
        "reject|json|--protocol-era=modern"})
    void aRunReportsTheModernEraAndCountsOnlyTheFailingTool(String legacy, String responseMode, String flag)
            throws Exception {
        try (Sdk2Server server = Sdk2Server.start(legacy, responseMode)) {
            Path config = Files.writeString(dir.resolve("loadtest.toml"), CONFIG);
            Path reports = dir.resolve("reports");
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", server.url(), "--config",
                    config.toString(), "--report-dir", reports.toString(), "--progress", "none"));
            if (flag != null) {
                args.add(flag);
            }
            CliRun.Output run = CliRun.run(args.toArray(String[]::new));
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(run.out()).contains("protocol 2026-07-28, modern era (stateless)")
                    .contains("client contexts").contains("server/discover");
            JsonNode report = CliRun.onlyReport(reports);
            assertThat(report.path("server").path("protocol_version").asString()).isEqualTo("2026-07-28");
            assertThat(report.path("server").path("era").asString()).isEqualTo("modern");
            Map<String, JsonNode> rows = new HashMap<>();
            report.path("per_tool").forEach(r -> rows.put(r.path("name").asString(), r));
            for (String ok : new String[] {"echo", "grüße", "doc://readme", "greet"}) {
                assertThat(rows).containsKey(ok);
                assertThat(rows.get(ok).path("error_count").asLong()).as(ok).isZero();
                assertThat(rows.get(ok).path("success_count").asLong()).as(ok).isPositive();
            }
            assertThat(rows.get("fail").path("success_count").asLong()).isZero();
            assertThat(rows.get("fail").path("error_count").asLong()).isPositive();
        }
    }

    /** init against a modern-only server: discovery through server/discover and the lists, reads only. */
    @org.junit.jupiter.api.Test
    void initDiscoversAModernOnlyServerAndItsConfigRuns() throws Exception {
        try (Sdk2Server server = Sdk2Server.start("reject", "json")) {
            Path config = dir.resolve("init.toml");
            CliRun.Output init = CliRun.run("init", server.url(), "--output", config.toString());
            assertThat(init.code()).as(init.out()).isZero();
            assertThat(init.out()).contains("Found 7 tools, 1 resource, 1 prompt.");
            String toml = Files.readString(config);
            assertThat(toml).contains("tool = \"echo\"").contains("uri = \"doc://readme\"")
                    .contains("prompt = \"greet\"");
            Path reports = dir.resolve("init-reports");
            CliRun.Output run = CliRun.run("run", server.url(), "--config", config.toString(), "--duration", "1",
                    "--vus", "1", "--report-dir", reports.toString(), "--progress", "none");
            assertThat(run.code()).as(run.out()).isZero();
            assertThat(CliRun.onlyReport(reports).path("server").path("era").asString()).isEqualTo("modern");
        }
    }

    private static IncomingMessage get(McpSession session, dev.mcpload.protocol.RequestEncoder request)
            throws Exception {
        return session.request(request).get(20, TimeUnit.SECONDS);
    }

    private static String text(IncomingMessage m) {
        return m.result().path("content").get(0).path("text").asString();
    }
}
