package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code [session] discover = "when_stale"}: a 2026-07-28 VU keeps its {@code server/discover} result for the
 * result's {@code ttlMs} and asks again before a request once it is stale, as a host that honours the spec's
 * caching does. The refreshes are requests of their own, under {@code server/discover}; the first contact stays
 * the session-setup row (one per client). Against the reference server with a long, a short and a zero TTL, the
 * official SDK v2 server over HTTP and stdio (ttlMs 0: a discover before every request), with {@code list_tools} (discover, then list,
 * then call) and against a 2025-era server (nothing to rediscover: a warning, no discover sent).
 */
@Timeout(120)
class RediscoveryTest {
    private static final int VUS = 3;
    private static final Path SDK2_STDIO = Peers.PROJECT.resolve("src/test/resources/peers/sdk2-stdio.mjs");

    @TempDir
    Path dir;

    @Test
    void aFreshResultIsKeptForItsTtl() throws Exception {
        Run run = run(300_000, "", "modern");
        assertThat(run.requests("server/discover")).isZero(); // its row says so: none was stale
        assertThat(run.firstContacts()).isEqualTo(VUS);
        assertThat(run.requests("tools/call")).isGreaterThan(10L * VUS);
    }

    @Test
    void aShortTtlIsRefreshedAboutOnceEachTtl() throws Exception {
        // 2 s of requests every ~20 ms: a 400 ms result goes stale 4 or 5 times per VU (fewer if the machine lags)
        Run run = run(400, "", "modern");
        assertThat(run.requests("server/discover")).isBetween(2L * VUS, 6L * VUS);
        assertThat(run.ops.get("server/discover").path("error_count").asLong()).isZero();
        assertThat(run.firstContacts()).isEqualTo(VUS);
    }

    @Test
    void aResultStaleAtOnceIsAskedBeforeEveryRequest() throws Exception {
        Run run = run(0, "", "modern");
        long discovers = run.requests("server/discover");
        long calls = run.requests("tools/call");
        assertThat(calls).isGreaterThan(10L * VUS);
        // each call follows its discover; a discover in flight at the end may have no call after it
        assertThat(discovers).isBetween(calls, calls + VUS);
        // every request counted once: the refreshes are in the total, the first contacts in session setup
        assertThat(run.report.path("metrics").path("total_requests").asLong())
                .isEqualTo(discovers + calls + run.firstContacts());
    }

    @Test
    void withTheToolListTheDiscoverGoesFirstThenTheListThenTheCall() throws Exception {
        Run run = run(0, "list_tools = \"when_stale\"\n", "modern");
        long calls = run.requests("tools/call");
        assertThat(calls).isGreaterThan(5L * VUS);
        assertThat(run.requests("server/discover")).isBetween(calls, calls + VUS);
        assertThat(run.requests("tools/list")).isBetween(calls, calls + VUS);
    }

    @Test
    void anOlderEraHasNothingToRediscover() throws Exception {
        Run run = run(0, "", "legacy");
        assertThat(run.out.out()).contains("discover = \"when_stale\" applies to 2026-07-28 servers")
                .contains("initialize once");
        assertThat(run.ops).doesNotContainKey("server/discover");
        assertThat(run.requests("tools/call")).isGreaterThan(10L * VUS);
    }

    /** The official SDK v2 server's discover result says ttlMs 0: a strict client asks before every request. */
    @Test
    void theSdkServersDiscoverIsStaleAtOnce() throws Exception {
        try (Sdk2Server server = Sdk2Server.start("reject", "json")) {
            Run run = runAgainst(server.url(), "", "auto", dir.resolve("sdk-reports"));
            assertThat(run.report.path("server").path("protocol_version").asString()).isEqualTo("2026-07-28");
            long calls = run.requests("tools/call");
            assertThat(calls).isGreaterThan(5L * VUS);
            assertThat(run.requests("server/discover")).isBetween(calls, calls + VUS);
            assertThat(run.ops.get("server/discover").path("error_count").asLong()).isZero();
        }
    }

    /** Over stdio the same: the official SDK v2 stdio server's discover result is stale at once. */
    @Test
    void overStdioTheSdkServersDiscoverIsStaleAtOnce() throws Exception {
        Path node = Peers.systemNode();
        Peers.require(node != null, "no 'node' on PATH (the SDK v2 server runs on the system Node 20)");
        String command = String.join(" ", node.toString(), SDK2_STDIO.toString(), Sdk2Server.SDK.toString(),
                "reject");
        Run run = runAgainst(List.of("--command", command), """
                [[scenario]]
                type = "tools/call"
                tool = "add"
                arguments = { a = 1, b = 2 }
                """, "", "auto", dir.resolve("stdio-reports"));
        assertThat(run.report.path("transport").asString()).isEqualTo("stdio");
        assertThat(run.report.path("server").path("protocol_version").asString()).isEqualTo("2026-07-28");
        long calls = run.requests("tools/call");
        assertThat(calls).isGreaterThan(5L * VUS);
        assertThat(run.requests("server/discover")).isBetween(calls, calls + VUS);
        assertThat(run.report.path("metrics").path("error_count").asLong()).isZero();
    }

    private record Run(CliRun.Output out, JsonNode report, Map<String, JsonNode> ops) {
        long requests(String operation) {
            return ops.get(operation).path("requests").asLong();
        }

        long firstContacts() {
            return report.path("metrics").path("initialize").path("count").asLong();
        }
    }

    /** VUS VUs for 2 s calling echo with 20 ms pauses on a reference server whose results say {@code ttlMs}. */
    private Run run(long ttlMs, String extraSession, String era) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().cacheTtlMs(ttlMs)
                .build())) {
            return runAgainst(server.mcpUrl(), extraSession, era, dir.resolve("reports-" + ttlMs + "-" + era + "-"
                    + extraSession.hashCode()));
        }
    }

    private Run runAgainst(String url, String extraSession, String era, Path reports) throws Exception {
        return runAgainst(List.of(url), ECHO, extraSession, era, reports);
    }

    private static final String ECHO = """
            [[scenario]]
            type = "tools/call"
            tool = "echo"
            arguments = { message = "hi" }
            """;

    /** A run of {@code scenario} against {@code target} (a URL, or --command and its command line). */
    private Run runAgainst(List<String> target, String scenario, String extraSession, String era, Path reports)
            throws Exception {
        Path config = Files.writeString(dir.resolve("rediscovery.toml"), """
                [session]
                discover = "when_stale"
                think_time_ms = 20
                %s
                %s""".formatted(extraSession, scenario));
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(target);
        args.addAll(List.of("--config", config.toString(), "--vus", Integer.toString(VUS), "--duration", "2",
                "--protocol-era", era, "--report-dir", reports.toString(), "--progress", "none"));
        CliRun.Output out = CliRun.run(args.toArray(new String[0]));
        assertThat(out.code()).as(out.out()).isZero();
        JsonNode report = CliRun.onlyReport(reports);
        // the config as run says what ran: against a 2025 server no discover was sent, so the key is gone
        assertThat(report.path("config").path("session").path("discover").asString(""))
                .isEqualTo(era.equals("legacy") ? "" : "when_stale");
        Map<String, JsonNode> ops = new HashMap<>();
        report.path("per_operation").forEach(r -> ops.put(r.path("operation").asString(), r));
        return new Run(out, report, ops);
    }
}
