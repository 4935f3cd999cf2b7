package dev.mcpload.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.LiveView;
import dev.mcpload.engine.executor.RampingVusExecutor;
import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The live display drawn on a virtual xterm: what a person would see. */
class LiveDisplayTest {
    @Test
    void drawsStageVusRatesAndTheBreakingPoint() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Terminal t = TerminalBuilder.builder().system(false).streams(new ByteArrayInputStream(new byte[0]), screen)
                .type("xterm-256color").size(new Size(120, 20)).build();
        RampingVusExecutor ex = new RampingVusExecutor(List.of(new RampingVusExecutor.Stage(10, 4000),
                new RampingVusExecutor.Stage(10, 4000)));
        LiveDisplay live = new LiveDisplay(t, ex, new Style(false));
        live.start(new LiveView() {
            @Override
            public long elapsedMs() {
                return 5000;
            }

            @Override
            public int activeVus() {
                return 9;
            }

            @Override
            public int targetVus() {
                return 10;
            }
        });
        live.record(new Sample(0, 3000, 5000, 0, 9, 10, 2, 1000, 990, Map.of(), 0, 1.5, 3.2, 7.9, 6.0, 9.0, 0, 0));
        live.onBreakingPoint(new BreakingPoint(9, "latency_degradation", "P99 30ms exceeds 3.0x baseline 8ms", 5000,
                "2026-01-01T00:00:05Z"));
        String text = String.join("\n", live.renderLines());
        live.close();
        assertThat(text).contains("5.0s / 8s").contains("[stage 2/2]").contains("vus 9/10")
                .contains("500.0 req/s").contains("p50=1.50ms").contains("p99=7.90ms")
                .contains("total     1000 requests, 10 errors")
                .contains("Breaking point detected at 9 VUs (latency_degradation");
    }
}
