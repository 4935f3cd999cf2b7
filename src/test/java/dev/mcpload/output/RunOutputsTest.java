package dev.mcpload.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.engine.IntervalListener;
import dev.mcpload.metrics.BreakingPoint;
import dev.mcpload.metrics.Interval;
import dev.mcpload.report.ProgressPrinter;
import dev.mcpload.report.Style;
import dev.mcpload.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seam: every output sees the same calls in the same order, wired from the registry. */
class RunOutputsTest {
    @TempDir
    Path dir;

    /** Writes down every call it gets, into a log shared by the outputs of one test. */
    private static class Fake implements Output {
        final String name;
        final List<String> log;
        final List<Interval> intervals = new ArrayList<>();

        Fake(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void start(RunStart run) {
            log.add(name + " start");
        }

        @Override
        public void onInterval(Interval interval) {
            intervals.add(interval);
            log.add(name + " interval " + interval.index());
        }

        @Override
        public void onBreakingPoint(BreakingPoint bp) {
            log.add(name + " breaking point at " + bp.vus());
        }

        @Override
        public void finish(RunResult result) {
            log.add(name + " finish");
        }

        @Override
        public void close() {
            log.add(name + " close");
        }
    }

    private static Interval interval(int index) {
        return new Interval(index, index * 2000L, (index + 1) * 2000L, 0, 1, 1, 0, dev.mcpload.metrics.Events.NONE, Map.of());
    }

    @Test
    void twoOutputsReceiveTheSameIntervalsInOrder() {
        List<String> log = new ArrayList<>();
        Fake a = new Fake("a", log);
        Fake b = new Fake("b", log);
        RunOutputs outputs = new RunOutputs(List.of(a, b));
        IntervalListener engineSees = outputs; // what the engine is handed
        outputs.start(new RunStart(null, null, "t"), () -> { });
        List<Interval> sent = List.of(interval(0), interval(1), interval(2));
        engineSees.onInterval(sent.get(0));
        engineSees.onInterval(sent.get(1));
        engineSees.onBreakingPoint(new BreakingPoint(7, "latency", "p99 doubled", 4000, "t"));
        engineSees.onInterval(sent.get(2));
        assertThat(outputs.finish(null)).isEmpty();
        outputs.close();

        assertThat(a.intervals).containsExactlyElementsOf(sent);
        assertThat(b.intervals).containsExactlyElementsOf(sent); // the same objects, not copies
        assertThat(log).containsExactly("a start", "b start", "a interval 0", "b interval 0", "a interval 1",
                "b interval 1", "a breaking point at 7", "b breaking point at 7", "a interval 2", "b interval 2",
                "a finish", "b finish", "a close", "b close");
    }

    @Test
    void anOutputThatFailsToFinishDoesNotStopTheOthersAndSaysWhy() {
        List<String> log = new ArrayList<>();
        Output failing = result -> {
            throw new OutputException("could not write it");
        };
        RunOutputs outputs = new RunOutputs(List.of(failing, new Fake("after", log)));
        assertThat(outputs.finish(null)).containsExactly("could not write it");
        assertThat(log).containsExactly("after finish");
    }

    private static final class Stopper extends Fake implements StopsRun {
        Runnable stop;

        Stopper(List<String> log) {
            super("stopper", log);
        }

        @Override
        public void setRunStop(Runnable stopRun) {
            log.add("stopper given the stop");
            stop = stopRun;
        }
    }

    @Test
    void anOutputThatCanStopTheRunIsHandedTheStopBeforeItStarts() {
        List<String> log = new ArrayList<>();
        Stopper stopper = new Stopper(log);
        AtomicInteger stops = new AtomicInteger();
        RunOutputs outputs = new RunOutputs(List.of(new Fake("plain", log), stopper));
        outputs.start(new RunStart(null, null, "t"), stops::incrementAndGet);
        assertThat(log).containsExactly("stopper given the stop", "plain start", "stopper start");
        stopper.stop.run();
        assertThat(stops).hasValue(1);
    }

    private OutputContext context() {
        return new OutputContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new Style(false), dir.resolve("reports"), null);
    }

    private List<Class<?>> wired(ProgressPrinter.Mode progress, List<OutputSpec> outs, boolean noReport) {
        return RunOutputs.forRun(progress, outs, noReport, context()).outputs().stream()
                .<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void withoutOutTheRunIsWiredAsBefore() {
        assertThat(wired(ProgressPrinter.Mode.TTY, List.of(), false))
                .containsExactly(LiveOutput.class, SummaryOutput.class, JsonReportOutput.class);
        assertThat(wired(ProgressPrinter.Mode.PLAIN, List.of(), false))
                .containsExactly(ProgressOutput.class, SummaryOutput.class, JsonReportOutput.class);
        assertThat(wired(ProgressPrinter.Mode.NONE, List.of(), true)).containsExactly(SummaryOutput.class);
    }

    @Test
    void anOutJsonTakesThePlaceOfTheDefaultReportAndTwoGiveTwo() {
        List<OutputSpec> two = List.of(OutputSpec.parse("json=" + dir.resolve("a.json")),
                OutputSpec.parse("json"));
        assertThat(wired(ProgressPrinter.Mode.NONE, two, false))
                .containsExactly(SummaryOutput.class, JsonReportOutput.class, JsonReportOutput.class);
        assertThat(wired(ProgressPrinter.Mode.NONE, two.subList(0, 1), false))
                .containsExactly(SummaryOutput.class, JsonReportOutput.class);
    }
}
