package dev.mcpload.interop;

import static dev.mcpload.interop.Interop.args;
import static dev.mcpload.interop.Interop.await;
import static dev.mcpload.interop.Interop.firstText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.Json;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpMethods;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ModernErrors;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientCapability;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.InitializeResult;
import dev.mcpload.transport.McpClient;
import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;
import dev.mcpload.transport.stdio.StdioSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Both MCP eras over stdio, detected as the spec's stdio binding says (2026-07-28, versioning: backward
 * compatibility): {@code server/discover} first, in the session's own process, and {@code initialize} there when
 * the answer is not a modern one. Against the official SDK v2 server ({@code serveStdio}, dual era and modern
 * only), the reference server in each of its eras, and server-everything (2025 era); the era found is the
 * client's from then on.
 */
@Timeout(120)
class StdioErasTest {
    private static final Path SDK2_STDIO = Peers.PROJECT.resolve("src/test/resources/peers/sdk2-stdio.mjs");

    @TempDir
    Path dir;

    private static List<String> reference(String era) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.mcpload.server.StdioServer", era);
    }

    private static List<String> sdk2(String legacy) {
        Path node = Peers.systemNode();
        Peers.require(node != null, "no 'node' on PATH (the SDK v2 server runs on the system Node 20)");
        Peers.require(Files.isRegularFile(Sdk2Server.SDK), Sdk2Server.SDK + " is missing");
        return List.of(node.toString(), SDK2_STDIO.toString(), Sdk2Server.SDK.toString(), legacy);
    }

    /** A session opened on a new client (auto era unless the options pin one), with the server's stderr on failure. */
    private record Opened(McpClient client, McpSession session, InitializeResult init) {
    }

    private static Opened open(ClientOptions options) {
        McpClient client = new McpClient(options.withRequestTimeoutMs(20_000));
        McpSession session = client.newSession(SessionListener.NONE);
        try {
            return new Opened(client, session, await(session.initialize()));
        } catch (RuntimeException | AssertionError e) {
            String tail = session instanceof StdioSession s ? s.stderrTail() : "";
            await(session.close());
            client.close();
            throw new AssertionError(e.getMessage() + "\nserver stderr: " + tail, e);
        }
    }

    private static void close(Opened o) {
        await(o.session().close());
        o.client().close();
    }

    @Test
    void theSdkV2StdioServerIsModernInBothOfItsModesAndServesEveryOperation() {
        for (String legacy : List.of("serve", "reject")) {
            Opened o = open(ClientOptions.stdio(sdk2(legacy)));
            try {
                assertThat(o.init().protocolVersion()).as(legacy).isEqualTo(ProtocolVersions.V2026_07_28);
                assertThat(o.init().serverName()).isEqualTo("sdk2-stdio-interop");
                assertThat(o.client().era()).isEqualTo(ProtocolEra.MODERN);
                assertThat(((StdioSession) o.session()).mode()).isEqualTo(StdioSession.Mode.MODERN);
                McpSession s = o.session();
                assertThat(firstText(await(s.request(McpRequests.toolsCall("add", args("a", 2, "b", 3))))))
                        .isEqualTo("5");
                IncomingMessage read = await(s.request(McpRequests.resourcesRead("doc://readme")));
                assertThat(read.result().path("contents").get(0).path("text").asString()).isEqualTo("hello over stdio");
                IncomingMessage prompt = await(s.request(McpRequests.promptsGet("greet", args("name", "Ada"))));
                assertThat(prompt.result().path("messages").get(0).path("content").path("text").asString())
                        .isEqualTo("Hello, Ada");
                IncomingMessage tools = await(s.request(McpRequests.list(McpMethods.TOOLS_LIST, null)));
                assertThat(tools.result().path("tools").size()).isEqualTo(3);
                // a client that declares no elicitation capability is refused the multi round-trip request
                McpException refused = Interop.failure(s.request(McpRequests.toolsCall("ask_name", null)));
                assertThat(refused.errorClass()).isEqualTo(ErrorClass.JSONRPC);
                assertThat(refused.jsonRpcCode()).isEqualTo(ModernErrors.MISSING_REQUIRED_CLIENT_CAPABILITY);
            } finally {
                close(o);
            }
        }
    }

    @Test
    void aMultiRoundTripRequestIsAnsweredOverStdio() {
        InputAnswers answers = new InputAnswers(Map.of(McpMethods.ELICITATION_CREATE,
                Json.parse("{\"action\":\"accept\",\"content\":{\"name\":\"Grace\"}}")), 4);
        Opened o = open(ClientOptions.stdio(sdk2("reject"))
                .withClientCapabilities(EnumSet.of(ClientCapability.ELICITATION)).withInputAnswers(answers));
        try {
            IncomingMessage m = await(o.session().request(McpRequests.toolsCall("ask_name", null)));
            assertThat(m.isInputRequired()).isFalse();
            assertThat(m.priorRoundTrips()).isEqualTo(1);
            assertThat(firstText(m)).isEqualTo("Hello, Grace!");
        } finally {
            close(o);
        }
    }

    @Test
    void theReferenceServerIsFoundInEachOfItsEras() {
        Opened dual = open(ClientOptions.stdio(reference("dual")));
        try {
            assertThat(dual.init().protocolVersion()).isEqualTo(ProtocolVersions.V2026_07_28);
            assertThat(dual.client().era()).isEqualTo(ProtocolEra.MODERN);
            IncomingMessage echo = await(dual.session().request(McpRequests.toolsCall("echo", args("message", "x"))));
            assertThat(firstText(echo)).isEqualTo("Echo: x");
            assertThat(echo.result().path("resultType").asString()).isEqualTo("complete");
        } finally {
            close(dual);
        }
        // a legacy-only server knows no server/discover (-32601): initialize follows in the same process
        Opened legacy = open(ClientOptions.stdio(reference("legacy")));
        try {
            assertThat(legacy.init().protocolVersion()).isEqualTo(ProtocolVersions.LATEST);
            assertThat(legacy.client().era()).isEqualTo(ProtocolEra.LEGACY);
            StdioSession s = (StdioSession) legacy.session();
            assertThat(s.mode()).isEqualTo(StdioSession.Mode.LEGACY);
            long pid = s.process().pid();
            assertThat(firstText(await(s.request(McpRequests.toolsCall("echo", args("message", "y"))))))
                    .isEqualTo("Echo: y");
            assertThat(s.process().pid()).as("the probe and the session share one process").isEqualTo(pid);
            // the client's next session starts in the era found, without probing
            McpSession next = legacy.client().newSession(SessionListener.NONE);
            assertThat(((StdioSession) next).mode()).isEqualTo(StdioSession.Mode.LEGACY);
        } finally {
            close(legacy);
        }
        // a modern-only server refuses initialize, naming its versions: a client pinned to 2025 is told why
        McpClient pinned = new McpClient(ClientOptions.stdio(reference("modern")).withRequestTimeoutMs(20_000)
                .withEra(ProtocolEra.LEGACY));
        try {
            McpSession s = pinned.newSession(SessionListener.NONE);
            McpException e = Interop.failure(s.initialize());
            assertThat(e.errorClass()).isEqualTo(ErrorClass.JSONRPC);
            assertThat(e.jsonRpcCode()).isEqualTo(ModernErrors.UNSUPPORTED_PROTOCOL_VERSION);
            assertThat(e.getMessage()).contains("2026-07-28");
            await(s.close());
        } finally {
            pinned.close();
        }
    }

    @Test
    void serverEverythingOverStdioIsLegacy() {
        Path node = Peers.requireServerEverything();
        Opened o = open(ClientOptions.stdio(List.of(node.toString(), Peers.SERVER_EVERYTHING.toString(), "stdio")));
        try {
            assertThat(o.init().protocolVersion()).isEqualTo(ProtocolVersions.LATEST);
            assertThat(o.client().era()).isEqualTo(ProtocolEra.LEGACY);
            assertThat(firstText(await(o.session().request(McpRequests.toolsCall("echo", args("message", "z"))))))
                    .isEqualTo("Echo: z");
        } finally {
            close(o);
        }
    }

    /** The CLI with no era flag against the SDK v2 stdio server: the start line and the report say 2026-07-28. */
    @Test
    void runAgainstAModernStdioServerNeedsNoFlags() throws Exception {
        Path config = Files.writeString(dir.resolve("loadtest.toml"), """
                [settings]
                virtual_users = 2
                duration_secs = 3

                [[scenario]]
                type = "tools/call"
                tool = "add"
                arguments = { a = 1, b = 2 }
                """);
        String command = String.join(" ", sdk2("reject"));
        CliRun.Output r = CliRun.run("run", "--command", command, "--config", config.toString(), "--report-dir",
                dir.resolve("reports").toString(), "--progress", "none", "--no-color");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("2026-07-28");
        JsonNode report = CliRun.onlyReport(dir.resolve("reports"));
        assertThat(report.path("server").path("era").asString()).isEqualTo("modern");
        assertThat(report.path("server").path("protocol_version").asString()).isEqualTo("2026-07-28");
        assertThat(report.path("metrics").path("error_count").asLong()).isZero();
        assertThat(report.path("metrics").path("success_count").asLong()).isPositive();
        assertThat(report.path("transport").asString()).isEqualTo("stdio");
    }
}
