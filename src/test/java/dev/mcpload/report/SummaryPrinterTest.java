package dev.mcpload.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.metrics.CorrectedLatency;
import dev.mcpload.metrics.KeyTotals;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the summary must not mislead about: rows without successes, long names, tiny error rates, short runs. */
class SummaryPrinterTest {
    @Test
    void aRowWithOnlyErrorsHasNoLatencyInsteadOfZero() {
        CorrectedLatency none = CorrectedLatency.empty();
        assertThat(SummaryPrinter.cell(none, 99)).isEqualTo("–");
        assertThat(SummaryPrinter.percentiles(none)).isEqualTo("p50=–  p95=–  p99=–");
    }

    @Test
    void longNamesKeepTheirStartAndEndSoTwoUrisStayTwoRows() {
        String a = SummaryPrinter.shortenMiddle("file:///var/data/reports/2026/quarterly-q1.csv", 30);
        String b = SummaryPrinter.shortenMiddle("file:///var/data/reports/2026/quarterly-q2.csv", 30);
        assertThat(a).hasSize(30).startsWith("file:///var/").endsWith("q1.csv").contains("…");
        assertThat(a).isNotEqualTo(b);
        assertThat(SummaryPrinter.shortenMiddle("add", 30)).isEqualTo("add");
    }

    @Test
    void aRateThatIsNotZeroNeverPrintsAsZero() {
        assertThat(Rates.percent(0)).isEqualTo("0.0%");
        assertThat(Rates.percent(15.0 / 42953)).isEqualTo("0.035%");
        assertThat(Rates.percent(0.125)).isEqualTo("12.5%");
        assertThat(Rates.percent(1 - 15.0 / 42953)).isEqualTo("99.965%");
        assertThat(Rates.percent(1)).isEqualTo("100.0%");
    }

    @Test
    void theGeneratorsErrorsAreCountedOnTheirOwnLineAndNotHeldAgainstTheServer() {
        // issue 17: mcpload ran out of memory reading 12 answers; the server failed 3 on its own
        Map<MetricKey, KeyTotals> totals = new TreeMap<>();
        MetricKey list = new MetricKey("tools/list", "");
        org.HdrHistogram.Histogram h = dev.mcpload.metrics.Latencies.newHistogram();
        h.recordValueWithCount(1000, 85);
        totals.put(list, KeyTotals.of(list, h, h, 85, Map.of(ErrorClass.GENERATOR, 12L, ErrorClass.HTTP, 3L)));
        RunResult r = new RunResult("http://127.0.0.1:1/mcp", "streamable_http", RunResult.ServerInfo.UNKNOWN,
                dev.mcpload.protocol.Json.object(), java.time.Instant.EPOCH, java.time.Instant.EPOCH, 30000, 2, 0,
                totals, List.of(), Optional.empty(), true, new RunResult.Counters(2, 2, 0, 0, 0, 2, 0,
                dev.mcpload.metrics.SessionLengths.NONE, java.util.Map.of()),
                List.of(new dev.mcpload.metrics.ErrorExamples.Example(ErrorClass.GENERATOR, "tools/list",
                        "mcpload ran out of memory (Java heap space) reading the answer of http://127.0.0.1:1/mcp")),
                "completed", List.of(), Optional.empty(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SummaryPrinter(new Style(false)).print(r, null, new PrintStream(out, true, StandardCharsets.UTF_8));
        String s = out.toString(StandardCharsets.UTF_8);
        // every failure shows: in the count and rate, and on its own line with whose it is
        assertThat(s).contains("mcp_req_error_count.........: 15").contains("mcp_req_error_rate..........: 15.0%");
        assertThat(s).contains("    generator.................: 12  (the generator's, not the server's: mcpload"
                + " itself ran out of memory or file descriptors)");
        assertThat(s).containsPattern("    http\\.+: 3\\R");
        assertThat(s.indexOf("generator....")).isLessThan(s.indexOf("http...."));
        assertThat(s).contains("[generator] tools/list: mcpload ran out of memory (Java heap space)");
        assertThat(s).contains("No breaking point detected.  (the 12 generator errors, mcpload's own, are not held"
                + " against the server)");
    }

    @Test
    void aRunShorterThanTheDetectorsWindowIsTooShortToJudgeAndErrorRowsShowADash() {
        Map<MetricKey, KeyTotals> totals = new TreeMap<>();
        MetricKey fail = new MetricKey("tools/call", "fail");
        totals.put(fail, KeyTotals.of(fail, dev.mcpload.metrics.Latencies.newHistogram(),
                dev.mcpload.metrics.Latencies.newHistogram(), 0, Map.of(ErrorClass.TOOL_ERROR, 40L)));
        RunResult r = new RunResult("http://127.0.0.1:1/mcp", "streamable_http", RunResult.ServerInfo.UNKNOWN,
                dev.mcpload.protocol.Json.object(), java.time.Instant.EPOCH, java.time.Instant.EPOCH, 8000, 2, 0,
                totals, List.of(), Optional.empty(), false, new RunResult.Counters(2, 2, 0, 0, 0, 2, 0, dev.mcpload.metrics.SessionLengths.NONE, java.util.Map.of()), List.of(),
                "completed", List.of(), Optional.empty(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SummaryPrinter(new Style(false)).print(r, null, new PrintStream(out, true, StandardCharsets.UTF_8));
        String s = out.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("Breaking point: too short to judge").doesNotContain("No breaking point detected");
        assertThat(s).containsPattern("fail +40 +5\\.0/s 100\\.0% +– +– +–");
        assertThat(s).contains("mcp_req_duration............: p50=–  p95=–  p99=–");
    }
}
