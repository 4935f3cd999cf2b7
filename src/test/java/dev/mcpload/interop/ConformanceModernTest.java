package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The 2026-07-28 client scenarios of the MCP conformance suite, from its 0.2.0 prerelease (npm alias
 * {@code conformance-next} in peers/package.json; {@link ConformanceTest} keeps running 0.1.16's 2025 scenarios),
 * testing mcpload's client through {@link ConformanceClient}:
 * <pre>
 * node22 -r peers/bind-localhost-sync.cjs conformance-next/dist/index.js client --spec-version 2026-07-28
 *     --command "exec java @argfile dev.mcpload.interop.ConformanceClient" --scenario X -o DIR
 * </pre>
 * The suite gives the client {@code MCP_CONFORMANCE_PROTOCOL_VERSION=2026-07-28}, and the client pins the modern
 * (stateless) era from it; {@code tools_call} also runs with mcpload's default dual-era client, which must detect
 * the modern server by itself. As in ConformanceTest, exit code 0 is not enough (the suite passes a client that
 * does nothing in some scenarios, and skips a scenario that does not apply at the version with exit 0): each run
 * must have recorded the scenario's own checks as SUCCESS in {@code checks.json}, and none as FAILURE or WARNING.
 *
 * <p>Client scenarios of the suite at 2026-07-28 that are not run here ({@link #NOT_RUN}, checked against the
 * suite's own list by {@link #everyModernClientScenarioIsRunOrExplained()}):
 * <ul>
 *   <li>every {@code auth/*} scenario (metadata discovery, CIMD and DCR registration, scopes and step-up, token
 *       endpoint authentication, resource and issuer validation, offline access, server migration): they test an
 *       OAuth client, and mcpload has none: it sends the credentials it is given ({@code --header
 *       'Authorization: Bearer ...'}) and never discovers, registers or fetches tokens; a 401 is an error it
 *       counts. Load testing an OAuth flow would measure the authorization server, not the MCP server.</li>
 * </ul>
 * Not on the 2026-07-28 list at all, so not run here either: {@code initialize}, {@code sse-retry} and
 * {@code elicitation-sep1034-client-defaults} (2025 handshake only; the first two run in ConformanceTest), the
 * {@code auth/*} extensions (client credentials, enterprise-managed authorization, DPoP, workload identity) and
 * the skills extension's {@code sep-2640-*} scenarios (mcpload implements neither).
 */
@Timeout(120)
class ConformanceModernTest {
    private static final long SUITE_TIMEOUT_MS = 30_000;
    static final String VERSION = "2026-07-28";
    static final Path SUITE = Peers.NODE_MODULES.resolve("conformance-next/dist/index.js");

    /** Client scenarios at 2026-07-28 deliberately not run, with the reason (see the class comment). */
    static final Map<String, String> NOT_RUN = notRun();

    /**
     * Checks of a run scenario mcpload is known to fail, with the reason; each must still fail (FAILURE or
     * WARNING), so that a fix in mcpload shows up here and the entry goes.
     */
    static final Map<String, String> KNOWN_GAPS = Map.of();

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("tools_call", "modern", List.of("tool-add-numbers", "wire-schema-valid")),
                Arguments.of("tools_call", "auto", List.of("tool-add-numbers", "wire-schema-valid")),
                Arguments.of("request-metadata", "modern", List.of("sep-2575-client-retry-supported-version",
                        "sep-2575-http-client-sends-version-header",
                        "sep-2575-client-populates-meta", "sep-2575-client-sends-client-info",
                        "sep-2575-http-version-header-matches-meta")),
                Arguments.of("sep-2322-client-request-state", "modern", List.of("sep-2322-client-request-state-echoed",
                        "sep-2322-client-jsonrpc-id-different", "sep-2322-client-no-state-omitted",
                        "sep-2322-client-parallel-isolation", "sep-2322-default-result-type-complete")),
                Arguments.of("http-standard-headers", "modern", List.of(
                        "sep-2243-client-includes-standard-headers/ClientMcpMethodHeader_tools_list",
                        "sep-2243-client-includes-standard-headers/ClientMcpMethodHeader_tools_call",
                        "sep-2243-client-includes-standard-headers/ClientMcpNameHeader_tools_call",
                        "sep-2243-client-includes-standard-headers/ClientMcpMethodHeader_resources_list",
                        "sep-2243-client-includes-standard-headers/ClientMcpMethodHeader_resources_read",
                        "sep-2243-client-includes-standard-headers/ClientMcpNameHeader_resources_read",
                        "sep-2243-client-includes-standard-headers/ClientMcpMethodHeader_prompts_list",
                        "sep-2243-client-includes-standard-headers/ClientMcpMethodHeader_prompts_get",
                        "sep-2243-client-includes-standard-headers/ClientMcpNameHeader_prompts_get")),
                Arguments.of("http-custom-headers", "modern", List.of("sep-2243-client-supports-custom-headers",
                        "sep-2243-client-mirrors-designated-params", "sep-2243-client-encode-values",
                        "sep-2243-client-base64-unsafe", "sep-2243-client-omit-null",
                        "sep-2243-client-base64-unsafe/ClientCustomHeader_NonAscii",
                        "sep-2243-client-base64-unsafe/ClientCustomHeader_CrLf",
                        "sep-2243-client-mirrors-designated-params/ClientCustomHeaderNoMirrorUnannotated")),
                Arguments.of("http-invalid-tool-headers", "modern", List.of("sep-2243-client-reject-invalid-tool",
                        "sep-2243-x-mcp-header-not-empty", "sep-2243-x-mcp-header-primitive-only",
                        "sep-2243-x-mcp-header-unique", "sep-2243-x-mcp-header-charset")),
                Arguments.of("json-schema-ref-no-deref", "modern", List.of("sep-2106-no-network-ref-deref")),
                Arguments.of("json-schema-2020-12-preservation", "modern", List.of(
                        "json-schema-2020-12-client-tool-found", "json-schema-2020-12-client-echo-completed",
                        "json-schema-2020-12-client-$schema-preserved", "json-schema-2020-12-client-$defs-preserved",
                        "json-schema-2020-12-client-additionalProperties-preserved",
                        "sep-2106-client-composition-keywords-preserved",
                        "sep-2106-client-conditional-keywords-preserved", "sep-2106-client-anchor-keyword-preserved",
                        "wire-schema-valid")));
    }

    @ParameterizedTest(name = "{0} ({1} era)")
    @MethodSource("scenarios")
    void scenarioPasses(String scenario, String era, List<String> requiredChecks) throws Exception {
        requireSuite();
        boolean autoEra = era.equals("auto"); // else pinned by the version the suite passes
        String label = scenario.replace('/', '_') + (autoEra ? "-auto-era" : "");
        Path dir = Peers.logDir("conformance-" + VERSION + "-" + label);
        String command = ConformanceSuite.clientCommand(dir, autoEra ? " -Dmcpload.conformance.era=auto" : "");
        Path results = dir.resolve("results");
        Path log = dir.resolve("suite.log");

        ProcessBuilder builder = ConformanceSuite.process(SUITE, dir, log, "client", "--command", command, "--scenario", scenario,
                "--spec-version", VERSION, "--timeout", Long.toString(SUITE_TIMEOUT_MS), "-o", results.toString());
        int exit = ConformanceSuite.runToEnd(builder, log, SUITE_TIMEOUT_MS + 30_000);

        String output = ConformanceSuite.read(log);
        Map<String, String> gaps = knownGaps(scenario);
        if (gaps.isEmpty()) {
            assertThat(exit).as("conformance exit code; its log:%n%s", output).isZero();
        } // else the suite fails the run on the known gap, and the checks below say whether that is all
        JsonNode checks = Json.parse(Files.readAllBytes(ConformanceSuite.checksFile(results, " (a scenario not applicable at " + VERSION
                + " is skipped without one)")));
        List<String> succeeded = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        Set<String> stillFailing = new TreeSet<>();
        for (JsonNode check : checks) {
            String id = check.path("id").asString("");
            String status = check.path("status").asString("");
            if ("SUCCESS".equals(status)) {
                succeeded.add(id);
                succeeded.add(id + "/" + check.path("name").asString(""));
            } else if ("FAILURE".equals(status) || "WARNING".equals(status)) {
                if (gaps.containsKey(id)) {
                    stillFailing.add(id);
                } else {
                    bad.add(check.toString());
                }
            }
        }
        assertThat(bad).as("failed or warning checks; log:%n%s", output).isEmpty();
        assertThat(succeeded).as("successful checks; log:%n%s", output).containsAll(requiredChecks);
        assertThat(stillFailing).as("known gaps of mcpload that this run no longer shows: remove them from"
                + " KNOWN_GAPS (%s); log:%n%s", gaps, output).containsExactlyInAnyOrderElementsOf(gaps.keySet());
    }

    /**
     * The suite's own list of client scenarios at 2026-07-28 is exactly what this class runs plus
     * {@link #NOT_RUN}: a scenario a newer suite adds fails here until it is run or its omission explained.
     */
    @Test
    void everyModernClientScenarioIsRunOrExplained() throws Exception {
        requireSuite();
        Path dir = Peers.logDir("conformance-" + VERSION + "-list");
        Path log = dir.resolve("list.log");
        int exit = ConformanceSuite.runToEnd(ConformanceSuite.process(SUITE, dir, log, "list", "--client",
                "--spec-version", VERSION), log, SUITE_TIMEOUT_MS + 30_000);
        String output = ConformanceSuite.read(log);
        assertThat(exit).as("conformance list exit code; its output:%n%s", output).isZero();
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+- (\\S+) \\[").matcher(output);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).as("client scenarios listed at %s:%n%s", VERSION, output).contains("tools_call");
        Set<String> covered = new TreeSet<>(NOT_RUN.keySet());
        scenarios().forEach(a -> covered.add((String) a.get()[0]));
        assertThat(listed).as("every 2026-07-28 client scenario of the suite is run or listed in NOT_RUN")
                .containsExactlyInAnyOrderElementsOf(covered);
    }

    private static Map<String, String> notRun() {
        String oauth = "an OAuth client scenario: mcpload sends the credentials it is given and does no OAuth";
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : List.of("metadata-default", "metadata-var1", "metadata-var2", "metadata-var3", "basic-cimd",
                "scope-from-www-authenticate", "scope-from-scopes-supported", "scope-omitted-when-undefined",
                "scope-step-up", "scope-retry-limit", "token-endpoint-auth-basic", "token-endpoint-auth-post",
                "token-endpoint-auth-none", "pre-registration", "resource-mismatch", "offline-access-scope",
                "offline-access-not-supported", "authorization-server-migration", "iss-supported",
                "iss-not-advertised", "iss-supported-missing", "iss-wrong-issuer", "iss-unexpected", "iss-normalized",
                "metadata-issuer-mismatch")) {
            m.put("auth/" + s, oauth);
        }
        return Map.copyOf(m);
    }

    /** KNOWN_GAPS entries of {@code scenario}, by check id. */
    private static Map<String, String> knownGaps(String scenario) {
        Map<String, String> gaps = new LinkedHashMap<>();
        KNOWN_GAPS.forEach((key, why) -> {
            if (key.startsWith(scenario + ":")) {
                gaps.put(key.substring(scenario.length() + 1), why);
            }
        });
        return gaps;
    }

    /** The 0.2 suite, Node 22 and the preload, or fails (CI) / skips (locally) the calling test. */
    private static void requireSuite() {
        Peers.requireConformance();
        Peers.require(Files.isRegularFile(SUITE), SUITE + " is missing (npm alias conformance-next)");
    }
}
