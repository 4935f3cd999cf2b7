package dev.mcpload.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyInterval;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.ErrorClass;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    private static String line(long successes) {
        MetricKey key = new MetricKey("tools/call", "add");
        Histogram h = Latencies.newHistogram();
        for (int i = 0; i < successes; i++) {
            h.recordValue(1500); // µs
        }
        KeyInterval k = new KeyInterval(key, successes, Map.of(ErrorClass.HTTP, 4L), h, h);
        Interval interval = new Interval(0, 0, 2000, 0, 3, 3, 0, dev.mcpload.metrics.Events.NONE, Map.of(key, k));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), ProgressPrinter.Mode.PLAIN,
                new Style(false), 0).onInterval(interval);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIntervalWithoutSuccessesShowsNoLatencyRatherThanZero() {
        assertThat(line(0)).contains("p50=– p95=– p99=–").contains("errors=4 (100.0%)").doesNotContain("0.000ms");
    }

    @Test
    void anIntervalWithSuccessesShowsItsPercentiles() {
        assertThat(line(10)).contains("p50=1.50ms");
    }
}
