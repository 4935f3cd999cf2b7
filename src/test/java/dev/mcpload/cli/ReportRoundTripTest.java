package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.metrics.Sample;
import dev.mcpload.protocol.Json;
import dev.mcpload.report.Style;
import dev.mcpload.report.SummaryPrinter;
import dev.mcpload.result.ReportDocument;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A report is the run: read back, it renders the summary the run printed, and its intervals give every window's
 * figures exactly (the time series the run wrote live, the whole run's histograms), through the real command line
 * against the reference server.
 */
@Timeout(60)
class ReportRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aReportReadBackRendersTheSameSummaryAndItsIntervalsAddUpExactly() throws Exception {
        Path config = dir.resolve("mix.toml");
        Files.writeString(config, """
                [settings]
                virtual_users = 3
                duration_secs = 5

                [[scenario]]
                type = "tools/call"
                tool = "add"
                weight = 60
                arguments = { a = 1, b = 2 }

                [[scenario]]
                type = "tools/call"
                tool = "fail"
                weight = 10

                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                weight = 10
                arguments = { ms = 3 }

                [[scenario]]
                type = "prompts/get"
                prompt = "greet"
                weight = 20
                arguments = { name = "Ada" }
                """);
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            Path reports = dir.resolve("reports");
            InProcessCli.Result r = InProcessCli.mcpload("run", server.mcpUrl(), "--config", config.toString(),
                    "--report-dir", reports.toString(), "--progress", "plain", "--no-color");
            assertThat(r.code()).as(r.err()).isZero();
            Path file;
            try (Stream<Path> s = Files.list(reports)) {
                file = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            }

            ReportDocument doc = ReportReader.read(file);
            RunResult back = ReportReader.toRunResult(doc);
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            new SummaryPrinter(new Style(false)).print(back, null, new PrintStream(summary, true,
                    StandardCharsets.UTF_8));
            String rendered = summary.toString(StandardCharsets.UTF_8);
            assertThat(rendered).contains("mcp_req_total").contains("fail").contains("prompts/get greet");
            assertThat(r.out()).contains(rendered);

            // the time series was written from the live intervals; recomputed from the stored ones it is the same
            JsonNode written = Json.parse(Files.readAllBytes(file));
            JsonNode series = written.path("timeseries");
            List<Sample> recomputed = back.samples();
            assertThat(recomputed).hasSize(series.size()).hasSizeGreaterThanOrEqualTo(2);
            for (int i = 0; i < series.size(); i++) {
                JsonNode live = series.get(i);
                Sample s = recomputed.get(i);
                assertThat(s.requests()).isEqualTo(live.path("requests").asLong());
                assertThat(s.errorCount()).isEqualTo(live.path("error_count").asLong());
                assertThat(round(s.p50Ms())).isEqualTo(live.path("p50_ms").asDouble());
                assertThat(round(s.p95Ms())).isEqualTo(live.path("p95_ms").asDouble());
                assertThat(round(s.p99Ms())).isEqualTo(live.path("p99_ms").asDouble());
                assertThat(round(s.rawP99Ms())).isEqualTo(live.path("p99_raw_ms").asDouble());
                assertThat(round(s.maxMs())).isEqualTo(live.path("max_ms").asDouble());
            }

            // and the whole run is the exact sum of its intervals, histogram bucket by bucket
            Map<MetricKey, KeyTotals> summed = Interval.sum(back.intervals().stream().map(i -> i.decode()).toList());
            assertThat(summed.keySet()).isEqualTo(back.totals().keySet());
            for (Map.Entry<MetricKey, KeyTotals> e : back.totals().entrySet()) {
                KeyTotals got = summed.get(e.getKey());
                assertThat(got.raw()).as(e.getKey().label()).isEqualTo(e.getValue().raw());
                assertThat(got.corrected()).as(e.getKey().label()).isEqualTo(e.getValue().corrected());
                assertThat(got.successes()).isEqualTo(e.getValue().successes());
                assertThat(got.errors()).isEqualTo(e.getValue().errors());
            }

            // written again, the report read back is the same report, field for field
            JsonNode again = dev.mcpload.report.JsonReport.build(back);
            assertThat(again.path("metrics")).isEqualTo(written.path("metrics"));
            assertThat(again.path("per_tool")).isEqualTo(written.path("per_tool"));
            assertThat(again.path("intervals")).isEqualTo(written.path("intervals"));
            assertThat(again.path("breaking_point")).isEqualTo(written.path("breaking_point"));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
