package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, Node 22) testing mcpload's
 * client, via {@link ConformanceClient}:
 * <pre>
 * node22 -r peers/bind-localhost-sync.cjs conformance/dist/index.js client
 *     --command "exec java @argfile dev.mcpload.interop.ConformanceClient" --scenario X -o DIR
 * </pre>
 * The suite's mock servers call {@code listen(0)} without a host: the synchronous preload binds them to
 * 127.0.0.1 (the shared asynchronous one breaks tools_call, which reads {@code address().port} at once). The
 * suite passes a scenario whose client does nothing at all, so besides exit code 0 each run must have
 * recorded the scenario's own checks as SUCCESS in {@code checks.json}.
 */
@Timeout(120)
class ConformanceTest {
    private static final long SUITE_TIMEOUT_MS = 30_000;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("initialize", List.of("mcp-client-initialization")),
                Arguments.of("tools_call", List.of("tool-add-numbers")),
                Arguments.of("sse-retry", List.of("client-sse-graceful-reconnect", "client-sse-retry-timing",
                        "client-sse-last-event-id")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioPasses(String scenario, List<String> requiredChecks) throws Exception {
        Peers.requireConformance();
        Path dir = Peers.logDir("conformance-" + scenario);
        String command = ConformanceSuite.clientCommand(dir, "");
        Path results = dir.resolve("results");
        Path log = dir.resolve("suite.log");

        int exit = ConformanceSuite.runToEnd(ConformanceSuite.process(Peers.CONFORMANCE, dir, log, "client",
                "--command", command, "--scenario", scenario, "--timeout", Long.toString(SUITE_TIMEOUT_MS), "-o",
                results.toString()), log, SUITE_TIMEOUT_MS + 30_000);

        String output = ConformanceSuite.read(log);
        assertThat(exit).as("conformance exit code; its log:%n%s", output).isZero();
        JsonNode checks = Json.parse(Files.readAllBytes(ConformanceSuite.checksFile(results, "")));
        List<String> succeeded = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (JsonNode check : checks) {
            String status = check.path("status").asString("");
            if ("SUCCESS".equals(status)) {
                succeeded.add(check.path("id").asString(""));
            } else if ("FAILURE".equals(status) || "WARNING".equals(status)) {
                bad.add(check.toString());
            }
        }
        assertThat(bad).as("failed or warning checks; log:%n%s", output).isEmpty();
        assertThat(succeeded).as("successful checks; log:%n%s", output).containsAll(requiredChecks);
    }
}
