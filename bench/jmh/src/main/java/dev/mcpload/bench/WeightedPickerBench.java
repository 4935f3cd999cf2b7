package dev.mcpload.bench;

import dev.mcpload.engine.Step;
import dev.mcpload.engine.WeightedPicker;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.McpRequests;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Choosing the next step of a weighted mix (SplittableRandom + binary search over cumulative weights). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WeightedPickerBench {
    @Param({"1", "4", "16"})
    public int steps;

    private WeightedPicker picker;

    @Setup
    public void setup() {
        Step[] all = new Step[steps];
        for (int i = 0; i < steps; i++) {
            all[i] = new Step(new MetricKey("tools/call", "t" + i), McpRequests.ping(), 1 + i % 5);
        }
        picker = new WeightedPicker(List.of(all), 42);
    }

    @Benchmark
    public int nextIndex() {
        return picker.nextIndex();
    }
}
