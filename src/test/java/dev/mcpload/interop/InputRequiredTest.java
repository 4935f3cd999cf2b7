package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import dev.mcpload.transport.ClientCapability;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Multi round-trip requests of MCP 2026-07-28 against the official SDK v2 server (its {@code inputRequired} tools,
 * with a signed requestState the SDK verifies) and the reference server's {@code ask}: answered from
 * {@code [inputs]} the request is one success measured over every round trip, with the extra round trips counted;
 * without answers it is {@code input_required}, its own outcome (neither success nor error); without the capability
 * declared, the server's -32021 is a {@code jsonrpc} error with its message.
 */
@Timeout(120)
class InputRequiredTest {
    @TempDir
    Path dir;

    private static final String ANSWERED = """
            [settings]
            virtual_users = 2
            duration_secs = 2

            [[scenario]]
            type = "tools/call"
            tool = "ask_name"

            [[scenario]]
            type = "tools/call"
            tool = "summarize"
            arguments = { text = "MCP connects models to tools." }

            [[scenario]]
            type = "tools/call"
            tool = "echo"
            arguments = { message = "hi" }

            [inputs.elicitation]
            action = "accept"
            content = { name = "Ada" }

            [inputs.sampling]
            role = "assistant"
            content = { type = "text", text = "A canned summary." }
            model = "mcpload-canned"
            """;

    @ParameterizedTest(name = "responseMode={0}")
    @ValueSource(strings = {"json", "sse"})
    void answersFromInputsCompleteTheRequestAcrossRoundTrips(String responseMode) throws Exception {
        try (Sdk2Server server = Sdk2Server.start("reject", responseMode)) {
            JsonNode report = run(server.url(), ANSWERED);
            Map<String, JsonNode> rows = rows(report);
            for (String tool : new String[] {"ask_name", "summarize"}) {
                JsonNode row = rows.get(tool);
                assertThat(row.path("error_count").asLong()).as(tool + ": " + report.path("error_examples")).isZero();
                assertThat(row.path("success_count").asLong()).as(tool).isPositive();
                assertThat(row.path("input_required").asLong()).as(tool).isZero();
                // one answer each: two round trips per request, the second counted beside it
                assertThat(row.path("round_trips").asLong()).as(tool).isEqualTo(row.path("success_count").asLong());
            }
            assertThat(rows.get("echo").has("round_trips")).as("a plain call has none").isFalse();
            assertThat(report.path("metrics").path("round_trips").asLong())
                    .isEqualTo(rows.get("ask_name").path("round_trips").asLong()
                            + rows.get("summarize").path("round_trips").asLong());
            assertThat(report.path("metrics").path("error_count").asLong()).isZero();
        }
    }

    @Test
    void theClientEchoesTheSignedStateAndGetsTheFinalAnswer() throws Exception {
        InputAnswers answers = new InputAnswers(Map.of(McpMethods.ELICITATION_CREATE,
                Json.parse("{\"action\":\"accept\",\"content\":{\"name\":\"Grace\"}}")), 4);
        try (Sdk2Server server = Sdk2Server.start("reject", "json");
             McpClient client = new McpClient(ClientOptions.http(server.url())
                     .withProtocolVersion(ProtocolVersions.V2026_07_28)
                     .withClientCapabilities(EnumSet.of(ClientCapability.ELICITATION)).withInputAnswers(answers))) {
            McpSession session = client.newSession(SessionListener.NONE);
            session.initialize().get(20, TimeUnit.SECONDS);
            IncomingMessage m = session.request(McpRequests.toolsCall("ask_name", null)).get(20, TimeUnit.SECONDS);
            assertThat(m.isInputRequired()).isFalse();
            assertThat(m.priorRoundTrips()).isEqualTo(1);
            assertThat(m.result().path("content").get(0).path("text").asString()).isEqualTo("Hello, Grace!");
        }
    }

    @Test
    void withoutAnswersTheRequestIsInputRequiredNotSuccessNorError() throws Exception {
        try (Sdk2Server server = Sdk2Server.start("reject", "json")) {
            CliRun.Output out = runOutput(server.url(), """
                    [settings]
                    virtual_users = 2
                    duration_secs = 2
                    [session]
                    client_capabilities = ["elicitation"]
                    [[scenario]]
                    type = "tools/call"
                    tool = "ask_name"
                    """);
            JsonNode report = CliRun.onlyReport(dir.resolve("reports"));
            JsonNode row = rows(report).get("ask_name");
            long asked = row.path("input_required").asLong();
            assertThat(asked).isPositive().isEqualTo(row.path("requests").asLong());
            assertThat(row.path("success_count").asLong()).isZero();
            assertThat(row.path("error_count").asLong()).isZero();
            assertThat(report.path("metrics").path("input_required_count").asLong()).isEqualTo(asked);
            assertThat(report.path("metrics").path("error_rate").asDouble()).isZero();
            assertThat(out.out()).contains("mcp_req_input_required").contains("ask_name " + asked);
        }
    }

    @Test
    void anUndeclaredCapabilityIsTheServersJsonRpcError() throws Exception {
        try (Sdk2Server server = Sdk2Server.start("reject", "json")) {
            JsonNode report = run(server.url(), """
                    [settings]
                    virtual_users = 1
                    duration_secs = 1
                    [[scenario]]
                    type = "tools/call"
                    tool = "summarize"
                    arguments = { text = "x" }
                    """);
            JsonNode row = rows(report).get("summarize");
            assertThat(row.path("errors").path("jsonrpc").asLong()).isPositive().isEqualTo(row.path("requests").asLong());
            assertThat(report.path("error_examples").toString()).contains("-32021").contains("HTTP 400");
        }
    }

    @Test
    void theReferenceServersAskIsAnsweredAndADeclineIsAnAnswerToo() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            JsonNode report = run(server.mcpUrl(), """
                    [settings]
                    virtual_users = 2
                    duration_secs = 1
                    [[scenario]]
                    type = "tools/call"
                    tool = "ask"
                    [inputs.elicitation]
                    action = "decline"
                    """);
            JsonNode ask = rows(report).get("ask");
            assertThat(report.path("server").path("era").asString()).isEqualTo("modern");
            assertThat(ask.path("success_count").asLong()).as(report.path("error_examples").toString()).isPositive();
            assertThat(ask.path("round_trips").asLong()).isEqualTo(ask.path("success_count").asLong());
            assertThat(ask.path("error_count").asLong()).isZero();
        }
    }

    /** In the legacy era the same [inputs] declare their capability and answer the server's requests. */
    @Test
    void legacySessionsAnswerTheServersRequestsFromInputs() throws Exception {
        Path file = Files.writeString(dir.resolve("legacy.toml"), """
                [[scenario]]
                type = "ping"
                [inputs.elicitation]
                action = "accept"
                content = { name = "Ada" }
                """);
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> CliRun.run("run", server.mcpUrl(),
                    "--config", file.toString(), "--vus", "2", "--duration", "3", "--protocol-era", "legacy",
                    "--report-dir", dir.resolve("reports").toString(), "--progress", "none"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (server.openStandaloneStreams() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            int sent = server.sendOnStandaloneStreams(Json.object().put("jsonrpc", "2.0").put("id", "srv-1")
                    .put("method", McpMethods.ELICITATION_CREATE).set("params", Json.object()));
            assertThat(sent).isEqualTo(2);
            assertThat(run.get(30, TimeUnit.SECONDS).code()).isZero();
        }
        JsonNode asked = CliRun.onlyReport(dir.resolve("reports")).path("metrics").path("server_requests")
                .path(McpMethods.ELICITATION_CREATE);
        assertThat(asked.path("received").asLong()).isEqualTo(2);
        assertThat(asked.path("answered").asLong()).as("declared by [inputs.elicitation]").isEqualTo(2);
    }

    private JsonNode run(String url, String config) throws Exception {
        runOutput(url, config);
        return CliRun.onlyReport(dir.resolve("reports"));
    }

    private CliRun.Output runOutput(String url, String config) throws Exception {
        Path file = Files.writeString(dir.resolve("inputs.toml"), config);
        CliRun.Output out = CliRun.run("run", url, "--config", file.toString(), "--report-dir",
                dir.resolve("reports").toString(), "--progress", "none", "--no-color");
        assertThat(out.code()).as(out.out()).isZero();
        return out;
    }

    private static Map<String, JsonNode> rows(JsonNode report) {
        Map<String, JsonNode> rows = new HashMap<>();
        report.path("per_tool").forEach(r -> rows.put(r.path("name").asString(), r));
        return rows;
    }
}
