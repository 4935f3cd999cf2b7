package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.SavedReports;
import dev.mcpload.testing.InProcessCli;
import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Flows, sessions per iteration and metrics split by workload, end to end: the real CLI against the reference
 * server, counted in the report.
 */
@Timeout(90)
class FlowsCliTest {
    @TempDir
    Path dir;

    @Test
    void aHeldWorkloadAndAnArrivalOfWholeSessionsRunFlowsSideBySideEachWithItsOwnRows() throws Exception {
        Path config = dir.resolve("flows.toml");
        Files.writeString(config, """
                [[scenario]]
                type = "tools/call"
                tool = "add"
                arguments = { a = 1, b = 2 }

                [[flow]]
                name = "browse"
                steps = [{ type = "tools/list" }, { type = "tools/call", tool = "echo", arguments = { message = "hi" } }]

                [session]
                calls = 3

                [workload.held]
                executor = "constant-vus"
                vus = 2
                duration = "2s"
                steps = ["add"]

                [workload.arrivals]
                executor = "constant-arrival-rate"
                rate = 10
                duration = "2s"
                pre_allocated_vus = 2
                max_vus = 6
                per = "session"
                steps = ["browse"]
                """);
        Path reports = dir.resolve("reports");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            InProcessCli.Result r = InProcessCli.mcpload("run", server.mcpUrl(), "--config", config.toString(),
                    "--report-dir", reports.toString(), "--progress", "none", "--no-color");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("echo [arrivals]").contains("add [held]");
        }
        JsonNode report = SavedReports.onlyJson(reports);
        Map<String, Long> rows = new HashMap<>();
        for (JsonNode row : report.path("per_tool")) {
            rows.put(row.path("operation").asString() + " " + row.path("name").asString() + " @"
                    + row.path("workload").asString(""), row.path("requests").asLong());
        }
        // held: add only, on its own rows; arrivals: the flow only, never add
        assertThat(rows.get("tools/call add @held")).isPositive();
        assertThat(rows).doesNotContainKeys("tools/call add @arrivals", "tools/list  @held", "tools/call add @");
        long lists = rows.get("tools/list  @arrivals");
        long echoes = rows.get("tools/call echo @arrivals");
        // each flow is list → echo, in one session (the last one may be cut by the end of the run)
        assertThat(echoes).isBetween(lists - 1, lists);
        // each arrival is a whole session of calls = 3, run as two flows (a session never ends mid-flow): 4 calls;
        // 20 arrivals in all, each either such a session or a dropped iteration
        long dropped = report.path("metrics").path("dropped_iterations").asLong();
        assertThat(lists / 2 + dropped).isBetween(19L, 20L);
        assertThat(report.path("config").path("flow").get(0).path("name").asString()).isEqualTo("browse");
        assertThat(report.path("config").path("workload").asString()).isEqualTo("held, arrivals");
        // per_operation adds the workloads up: no request is lost or counted twice
        long perTool = 0;
        for (JsonNode row : report.path("per_tool")) {
            perTool += row.path("requests").asLong();
        }
        long perOperation = 0;
        for (JsonNode row : report.path("per_operation")) {
            perOperation += row.path("requests").asLong();
        }
        assertThat(perOperation).isEqualTo(perTool);
    }
}
