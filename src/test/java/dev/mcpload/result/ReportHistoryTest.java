package dev.mcpload.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.metrics.KeyTotals;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every report schema version mcpload has written (1.1 to 1.9, one real report each, in
 * src/test/resources/reports/history) still reads into a RunResult with its counts and histograms intact, so
 * {@code mcpload report} and comparisons work on any report a user kept.
 */
class ReportHistoryTest {
    private static final Path HISTORY = Path.of(System.getProperty("mcpload.projectDir", "."),
            "src/test/resources/reports/history");

    @ParameterizedTest(name = "schema {0}")
    @ValueSource(strings = {"1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9"})
    void everyVersionReadsBackWithItsCountsAndHistograms(String version) throws Exception {
        Path file = HISTORY.resolve("report-" + version + ".json");
        assertThat(file).exists();
        ReportDocument d = ReportReader.read(file);
        assertThat(d.schemaVersion()).isEqualTo(version);
        RunResult r = ReportReader.toRunResult(d);
        // the headline counts are the report's own (before 1.3 its total left session setup out; read back, it is
        // counted, as every report since says), and the per-tool histograms hold every success
        long setup = version.compareTo("1.3") < 0 ? d.metrics().initialize().count() : 0;
        assertThat(r.requests()).isEqualTo(d.metrics().totalRequests() + setup).isPositive();
        assertThat(r.errors()).isEqualTo(d.metrics().errorCount());
        assertThat(r.operations()).hasSize(5);
        for (KeyTotals t : r.operations().values()) {
            assertThat(t.raw().getTotalCount()).as(t.key().label()).isEqualTo(t.successes());
            assertThat(t.corrected().getTotalCount()).as(t.key().label()).isGreaterThanOrEqualTo(t.successes());
        }
        // percentiles recomputed from the histograms agree with what the report printed (3 significant digits)
        assertThat(r.latency().percentileMs(99)).isCloseTo(d.metrics().latency().p99Ms(),
                org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(version.compareTo("1.4") >= 0 ? 2 : 0);
        assertThat(Files.size(file)).isPositive();
    }
}
