package dev.mcpload.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code [session] list_tools}: a VU lists the tools before calling them, as a host does, and keeps the list as
 * long as the server's {@code ttlMs} says (2026-07-28 caching). Against the reference server with a long TTL one
 * list per session is sent; with {@code ttlMs = 0} (the SDK v2 server's default) one before every call; with
 * {@code once} one per session whatever the TTL, in both eras. The lists are requests of their own.
 */
@Timeout(90)
class ToolListingTest {
    private static final int VUS = 3;

    @TempDir
    Path dir;

    @Test
    void aFreshListIsKeptForItsTtl() throws Exception {
        Map<String, JsonNode> ops = run(300_000, "when_stale", "modern");
        assertThat(ops.get("tools/list").path("requests").asLong()).isEqualTo(VUS);
        assertThat(ops.get("tools/call").path("requests").asLong()).isGreaterThan(10L * VUS);
    }

    @Test
    void aListThatIsStaleAtOnceIsFetchedBeforeEveryCall() throws Exception {
        Map<String, JsonNode> ops = run(0, "when_stale", "modern");
        long lists = ops.get("tools/list").path("requests").asLong();
        long calls = ops.get("tools/call").path("requests").asLong();
        assertThat(calls).isGreaterThan(10L * VUS);
        // each call follows its list; a list in flight at the end may have no call after it
        assertThat(lists).isBetween(calls, calls + VUS);
        assertThat(ops.get("tools/list").path("error_count").asLong()).isZero();
    }

    @Test
    void onceListsOncePerSessionInEitherEra() throws Exception {
        for (String era : new String[] {"modern", "legacy"}) {
            Map<String, JsonNode> ops = run(0, "once", era);
            assertThat(ops.get("tools/list").path("requests").asLong()).as(era).isEqualTo(VUS);
            assertThat(ops.get("tools/call").path("requests").asLong()).as(era).isGreaterThan(10L * VUS);
        }
    }

    /** The official SDK v2 server marks its lists ttlMs 0 unless told otherwise: a list before every call. */
    @Test
    void theSdkServersDefaultTtlMeansAListBeforeEveryCall() throws Exception {
        try (Sdk2Server server = Sdk2Server.start("reject", "json")) {
            Map<String, JsonNode> ops = runAgainst(server.url(), "when_stale", "modern", dir.resolve("sdk-reports"));
            long lists = ops.get("tools/list").path("requests").asLong();
            long calls = ops.get("tools/call").path("requests").asLong();
            assertThat(calls).isGreaterThan(5L * VUS);
            assertThat(lists).isBetween(calls, calls + VUS);
        }
    }

    /** A run of VUS VUs for 2 s calling echo with 20 ms pauses; its per_operation rows by operation. */
    private Map<String, JsonNode> run(long ttlMs, String listTools, String era) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().cacheTtlMs(ttlMs)
                .build())) {
            return runAgainst(server.mcpUrl(), listTools, era, dir.resolve("reports-" + ttlMs + "-" + listTools + "-"
                    + era));
        }
    }

    private Map<String, JsonNode> runAgainst(String url, String listTools, String era, Path reports)
            throws Exception {
        Path config = Files.writeString(dir.resolve("listing.toml"), """
                [session]
                list_tools = "%s"
                think_time_ms = 20
                [[scenario]]
                type = "tools/call"
                tool = "echo"
                arguments = { message = "hi" }
                """.formatted(listTools));
        CliRun.Output out = CliRun.run("run", url, "--config", config.toString(), "--vus",
                Integer.toString(VUS), "--duration", "2", "--protocol-era", era, "--report-dir", reports.toString(),
                "--progress", "none");
        assertThat(out.code()).as(out.out()).isZero();
        JsonNode report = CliRun.onlyReport(reports);
        assertThat(report.path("config").path("session").path("list_tools").asString()).isEqualTo(listTools);
        Map<String, JsonNode> ops = new HashMap<>();
        report.path("per_operation").forEach(r -> ops.put(r.path("operation").asString(), r));
        return ops;
    }
}
