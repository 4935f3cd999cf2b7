package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ParamHeaders;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code Mcp-Param-*} headers (2026-07-28, x-mcp-header): the official SDK v2 server checks them against the body
 * and answers -32020 when one is missing, so mcpload learns them from tools/list before the load and mirrors them
 * — plain, Base64-wrapped, integer, boolean, nested — and reads the spec's rules for invalid annotations.
 */
@Timeout(90)
class ParamHeadersTest {
    @TempDir
    Path dir;

    @Test
    void aRunMirrorsTheAnnotatedParametersAndTheSdkAcceptsEveryCall() throws Exception {
        Path config = Files.writeString(dir.resolve("params.toml"), """
                [settings]
                virtual_users = 2
                duration_secs = 2
                [[scenario]]
                type = "tools/call"
                tool = "regional"
                arguments = { region = "us-west1", query = "q", options = { shards = 3, dryRun = true } }
                [[scenario]]
                type = "tools/call"
                tool = "regional"
                name = "regional unicode"
                arguments = { region = " Grüße ", query = "q" }
                """);
        Path reports = dir.resolve("reports");
        try (Sdk2Server server = Sdk2Server.start("reject", "json")) {
            CliRun.Output out = CliRun.run("run", server.url(), "--config", config.toString(), "--report-dir",
                    reports.toString(), "--progress", "none");
            assertThat(out.code()).as(out.out()).isZero();
        }
        JsonNode report = CliRun.onlyReport(reports);
        assertThat(report.path("metrics").path("error_count").asLong())
                .as(report.path("error_examples").toString()).isZero();
        report.path("per_tool").forEach(r -> assertThat(r.path("success_count").asLong()).isPositive());
    }

    @Test
    void withoutTheHeadersTheSdkRefusesTheCall() throws Exception {
        // a client that has not learnt the annotations: the SDK's -32020, which is what the preflight prevents
        try (Sdk2Server server = Sdk2Server.start("reject", "json");
             McpClient client = new McpClient(ClientOptions.http(server.url())
                     .withProtocolVersion(ProtocolVersions.V2026_07_28))) {
            McpSession session = client.newSession(SessionListener.NONE);
            session.initialize().get(20, TimeUnit.SECONDS);
            var call = McpRequests.toolsCall("regional", Json.object().put("region", "eu").put("query", "q"));
            Throwable refused = null;
            try {
                session.request(call).get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                refused = e.getCause();
            }
            assertThat(refused).isNotNull().hasMessageContaining("-32020");
            client.useParamHeaders(ParamHeaders.of(List.of(Json.parse("""
                    {"name":"regional","inputSchema":{"type":"object","properties":{
                      "region":{"type":"string","x-mcp-header":"Region"}}}}"""))));
            McpSession learnt = client.newSession(SessionListener.NONE);
            learnt.initialize().get(20, TimeUnit.SECONDS);
            IncomingMessage m = learnt.request(McpRequests.toolsCall("regional", Json.object().put("region", "eu")
                    .put("query", "q"))).get(20, TimeUnit.SECONDS);
            assertThat(m.result().path("content").get(0).path("text").asString()).isEqualTo("eu:-:-");
        }
    }

    @Test
    void annotationsOutsideTheRulesMakeTheToolInvalid() {
        ParamHeaders h = ParamHeaders.of(List.of(
                tool("ok", "{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"A\"},"
                        + "\"n\":{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"integer\",\"x-mcp-header\":\"B\"}}}}"),
                tool("number", "{\"a\":{\"type\":\"number\",\"x-mcp-header\":\"A\"}}"),
                tool("space", "{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"Has Space\"}}"),
                tool("twice", "{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"X\"},"
                        + "\"b\":{\"type\":\"string\",\"x-mcp-header\":\"x\"}}"),
                tool("items", "{\"a\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"x-mcp-header\":\"A\"}}}"),
                tool("plain", "{\"a\":{\"type\":\"string\"}}")));
        assertThat(h.of("ok")).extracting(ParamHeaders.Param::name).containsExactly("A", "B");
        assertThat(h.of("ok").get(1).path()).containsExactly("n", "b");
        assertThat(h.invalid()).containsOnlyKeys("number", "space", "twice", "items");
        assertThat(h.invalid().get("items")).contains("properties");
        assertThat(h.of("plain")).isEmpty();
        assertThat(ParamHeaders.valueOf(Json.parse("{\"a\":\" x\"}"), h.of("ok").get(0))).isEqualTo("=?base64?IHg=?=");
        assertThat(ParamHeaders.valueOf(Json.parse("{\"n\":{\"b\":42}}"), h.of("ok").get(1))).isEqualTo("42");
        assertThat(ParamHeaders.valueOf(Json.parse("{}"), h.of("ok").get(1))).isNull();
    }

    private static JsonNode tool(String name, String properties) {
        return Json.parse("{\"name\":\"" + name + "\",\"inputSchema\":{\"type\":\"object\",\"properties\":"
                + properties + "}}");
    }
}
