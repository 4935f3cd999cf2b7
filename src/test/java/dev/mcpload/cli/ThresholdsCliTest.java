package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mcpload.testing.SavedReports;
import dev.mcpload.testing.InProcessCli;
import dev.mcpload.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Thresholds through the CLI against the embedded reference server, whose latencies are known: {@code sleep}
 * takes at least its {@code ms}, {@code fail} always fails. Every metric and aggregation is judged on the run's
 * own totals, so each observed value must equal what the report says of the same run.
 */
@Timeout(120)
class ThresholdsCliTest {
    @TempDir
    Path dir;

    private static final String SCENARIOS = """
            [settings]
            virtual_users = 2
            duration_secs = 3

            [[scenario]]
            type = "tools/call"
            tool = "sleep"
            weight = 3
            arguments = { ms = 30 }

            [[scenario]]
            type = "tools/call"
            tool = "fail"
            weight = 1
            """;

    private JsonNode onlyReport(Path reports) throws Exception {
        return SavedReports.onlyJson(reports);
    }

    private static Map<String, JsonNode> byKey(JsonNode thresholds) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode t : thresholds) {
            StringBuilder key = new StringBuilder(t.path("metric").asString());
            t.path("tags").properties().forEach(e -> key.append('{').append(e.getKey()).append(':')
                    .append(e.getValue().asString()).append('}'));
            m.put(key + " " + t.path("expression").asString(), t);
        }
        return m;
    }

    @Test
    void everyMetricAndAggregationIsJudgedOnTheRunItselfAndAFailedOneExits99() throws Exception {
        Path config = Files.writeString(dir.resolve("loadtest.toml"), SCENARIOS + """

                [thresholds]
                mcp_req_duration = ["p(99) < 5000", "avg > 25", "max < 5000"]
                "mcp_req_duration{tool:sleep}" = ["med >= 30", "min < 25"]
                "mcp_req_duration_raw{operation:tools/call}" = "p(90) >= 30"
                mcp_req_error_rate = "rate < 0.01"
                "mcp_req_error_rate{tool:sleep}" = "rate == 0"
                mcp_req_throughput = "rate > 1"
                mcp_req_total = "count > 10"
                mcp_req_error_count = "count > 0"
                mcp_req_success_count = "rate > 1"
                dropped_iterations = "count == 0"
                mcp_init_duration = "p(95) < 5000"
                "mcp_req_duration{tool:fail}" = "p(99) < 1000"
                """);
        Path reports = dir.resolve("reports");
        InProcessCli.Result r = InProcessCli.mcpload("run", "--config", config.toString(), "--report-dir", reports.toString(),
                "--no-color", "--progress", "none", "--threshold", "mcp_req_duration{tool:sleep}=p(99.9)<=5000");
        assertThat(r.code()).as(r.err()).isEqualTo(Errors.THRESHOLDS_FAILED);

        JsonNode report = onlyReport(reports);
        assertThat(report.path("schema_version").asString()).isEqualTo("1.9");
        Map<String, JsonNode> t = byKey(report.path("thresholds"));
        assertThat(t).hasSize(16);
        JsonNode m = report.path("metrics");
        JsonNode sleep = null;
        for (JsonNode row : report.path("per_tool")) {
            if (row.path("name").asString().equals("sleep")) {
                sleep = row;
            }
        }
        // each observed value is the report's own figure of the same run
        assertThat(t.get("mcp_req_duration p(99) < 5000").path("observed").asDouble())
                .isCloseTo(m.path("latency").path("p99_ms").asDouble(), within(0.01));
        assertThat(t.get("mcp_req_duration avg > 25").path("observed").asDouble())
                .isCloseTo(m.path("latency").path("mean_ms").asDouble(), within(0.01));
        assertThat(t.get("mcp_req_duration{tool:sleep} med >= 30").path("observed").asDouble())
                .isCloseTo(sleep.path("latency").path("p50_ms").asDouble(), within(0.01)).isGreaterThanOrEqualTo(30);
        assertThat(t.get("mcp_req_error_rate rate < 0.01").path("observed").asDouble())
                .isCloseTo(m.path("error_rate").asDouble(), within(1e-5)).isBetween(0.1, 0.45);
        assertThat(t.get("mcp_req_total count > 10").path("observed").asLong())
                .isEqualTo(m.path("total_requests").asLong());
        assertThat(t.get("mcp_req_error_count count > 0").path("observed").asLong())
                .isEqualTo(m.path("error_count").asLong());
        assertThat(t.get("mcp_req_throughput rate > 1").path("observed").asDouble())
                .isCloseTo(m.path("throughput_rps").asDouble(), within(0.01));
        assertThat(t.get("mcp_init_duration p(95) < 5000").path("observed").asDouble())
                .isCloseTo(m.path("initialize").path("latency").path("p95_ms").asDouble(), within(0.01));
        // what held and what did not, on a server whose latencies are known
        Map<String, Boolean> passed = new HashMap<>();
        t.forEach((k, v) -> passed.put(k, v.path("passed").asBoolean()));
        assertThat(passed).containsEntry("mcp_req_duration{tool:sleep} min < 25", false) // sleep(30) never is
                .containsEntry("mcp_req_error_rate rate < 0.01", false) // fail is a quarter of the calls
                .containsEntry("mcp_req_error_rate{tool:sleep} rate == 0", true)
                .containsEntry("mcp_req_duration_raw{operation:tools/call} p(90) >= 30", true)
                .containsEntry("dropped_iterations count == 0", true)
                .containsEntry("mcp_req_duration{tool:sleep} p(99.9) <= 5000", true);
        // a threshold on nothing (fail never succeeds, so it has no latency) fails and says why
        JsonNode none = t.get("mcp_req_duration{tool:fail} p(99) < 1000");
        assertThat(none.path("passed").asBoolean()).isFalse();
        assertThat(none.has("observed")).isFalse();
        assertThat(t.get("mcp_req_duration p(99) < 5000").path("source").asString()).isEqualTo(config + ":17");
        assertThat(t.get("mcp_req_duration{tool:sleep} p(99.9) <= 5000").path("source").asString())
                .isEqualTo("--threshold");

        assertThat(r.out()).contains("thresholds:")
                .containsPattern("✓ mcp_req_duration +p\\(99\\) < 5000 +p\\(99\\)=[0-9.]+ms")
                .containsPattern("✗ mcp_req_error_rate +rate < 0.01 +rate=0\\.[0-9]+ \\([0-9.]+%\\)")
                .containsPattern("✗ mcp_req_duration\\{tool:fail} +p\\(99\\) < 1000 +no data")
                .contains("3 of 16 failed");
    }

    @Test
    void allPassedExitsZero() throws Exception {
        Path config = Files.writeString(dir.resolve("loadtest.toml"), SCENARIOS.replace("weight = 1", "weight = 0")
                + "\n[thresholds]\nmcp_req_error_rate = \"rate == 0\"\n");
        InProcessCli.Result r = InProcessCli.mcpload("run", "--config", config.toString(), "--no-report", "--no-color",
                "--progress", "none", "--duration", "1", "--threshold", "mcp_req_duration=p(50)>=30");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("all 2 passed");
    }

    @Test
    void aFailingThresholdWithAbortOnFailStopsTheRunAfterItsDelayAndStillReports() throws Exception {
        Path config = Files.writeString(dir.resolve("loadtest.toml"), SCENARIOS.replace("duration_secs = 3",
                "duration_secs = 60") + """

                [thresholds]
                "mcp_req_duration{tool:sleep}" = [{ threshold = "p(50) < 1", abort_on_fail = true, delay_abort_eval = "3s" }]
                mcp_req_total = "count > 0"
                """);
        Path reports = dir.resolve("reports");
        InProcessCli.Result r = InProcessCli.mcpload("run", "--config", config.toString(), "--report-dir", reports.toString(),
                "--no-color", "--progress", "none");
        assertThat(r.code()).as(r.err()).isEqualTo(Errors.ABORTED_BY_THRESHOLD);
        JsonNode report = onlyReport(reports);
        assertThat(report.path("stop_reason").asString()).isEqualTo("aborted");
        double elapsed = report.path("metrics").path("elapsed_secs").asDouble();
        assertThat(elapsed).as("not before delay_abort_eval, and long before the 60 s").isBetween(2.9, 15.0);
        JsonNode first = report.path("thresholds").get(0);
        assertThat(first.path("aborted_run").asBoolean()).isTrue();
        assertThat(first.path("abort_on_fail").asBoolean()).isTrue();
        assertThat(first.path("delay_abort_eval_ms").asLong()).isEqualTo(3000);
        assertThat(report.path("thresholds").get(1).path("passed").asBoolean()).isTrue();
        assertThat(r.out()).contains("(stopped the run)").contains("Aborted by the threshold mcp_req_duration{tool:sleep}");
    }

    @Test
    void everyMistakeInThresholdsIsAConfigErrorWithFileLineAndASuggestion() throws Exception {
        Path config = Files.writeString(dir.resolve("loadtest.toml"), SCENARIOS + """

                [thresholds]
                mcp_req_duratoin = "p(99) < 500"
                "mcp_req_duration{tol:sleep}" = "p(99) < 500"
                "mcp_req_duration{tool:slep}" = "p(99) < 500"
                mcp_req_error_rate = "p(99) < 0.01"
                mcp_init_duration = "p99 < 500"
                "mcp_req_total{workload:nope}" = "count > 1"
                dropped_iterations = [{ threshold = "count == 0", abort_on_fial = true }]
                """);
        InProcessCli.Result r = InProcessCli.mcpload("run", "--config", config.toString(), "--no-report");
        assertThat(r.code()).isEqualTo(Errors.USAGE);
        String f = config.toString();
        assertThat(r.err()).contains("7 problems in " + f)
                .contains(f + ":17: [thresholds] mcp_req_duratoin: unknown metric 'mcp_req_duratoin'; did you mean"
                        + " 'mcp_req_duration'?")
                .contains(f + ":18: [thresholds] \"mcp_req_duration{tol:sleep}\": unknown tag 'tol'; did you mean 'tool'?")
                .contains(f + ":19: [thresholds] \"mcp_req_duration{tool:slep}\": {tool:slep} selects nothing this"
                        + " test sends; did you mean 'sleep'?")
                .contains(f + ":20: [thresholds] mcp_req_error_rate: 'p(99)' is not an aggregation of"
                        + " mcp_req_error_rate (a rate): use rate")
                .contains(f + ":21: [thresholds] mcp_init_duration: 'p99 < 500' is not a threshold expression")
                .contains(f + ":22: [thresholds] \"mcp_req_total{workload:nope}\": {workload:nope} selects nothing")
                .contains(f + ":23: [thresholds] dropped_iterations: unknown key 'abort_on_fial'; did you mean 'abort_on_fail'?")
                .doesNotContain("Exception");
    }

    @Test
    void aMalformedThresholdFlagIsAUsageErrorBeforeAnythingIsSent() {
        InProcessCli.Result r = InProcessCli.mcpload("run", "--threshold", "mcp_req_duration=p(99)", "--no-report");
        assertThat(r.code()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).contains("--threshold 'mcp_req_duration=p(99)': 'p(99)' is not a threshold expression");
        InProcessCli.Result noEq = InProcessCli.mcpload("run", "--threshold", "mcp_req_duration", "--no-report");
        assertThat(noEq.err()).contains("write METRIC=EXPRESSION");
        InProcessCli.Result tag = InProcessCli.mcpload("run", "--threshold", "mcp_req_duration{tool:nope}=p(99)<1", "--no-report");
        assertThat(tag.code()).isEqualTo(Errors.USAGE);
        assertThat(tag.err()).contains("{tool:nope} selects nothing this test sends");
    }
}
