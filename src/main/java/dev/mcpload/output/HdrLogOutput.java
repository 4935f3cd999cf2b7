package dev.mcpload.output;

import dev.mcpload.metrics.Interval;
import dev.mcpload.metrics.KeyInterval;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.metrics.MetricKey;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.result.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code hdr=FILE}: a standard HdrHistogram interval log ({@link HistogramLogWriter}, format 1.3: start time,
 * base time, legend), one line per histogram per interval, readable by HdrHistogram's own
 * {@code HistogramLogReader} and {@code HistogramLogProcessor}. Values are microseconds (the legend's
 * {@code Interval_Max} column is in ms; give {@code HistogramLogProcessor} {@code -outputValueUnitRatio 1000} for
 * ms); timestamps are seconds since the run started ({@code BaseTime}).
 *
 * <p>Per interval: untagged, the scenario's successful operations together, corrected for coordinated omission
 * (what {@code mcp_req_duration} reads, so {@code HistogramLogProcessor -i FILE} gives the headline); tag
 * {@code raw}, the same uncorrected; then per key with requests that interval, tag {@code OPERATION[:NAME][@WORKLOAD]}
 * (e.g. {@code tools/call:search}) corrected and {@code raw:} + that tag raw ({@code initialize} is never corrected:
 * both are the same). HdrHistogram tags end at a comma and the log is split on whitespace, so each comma or
 * whitespace character of a tag is written as {@code _}. Corrected histograms hold the fill-ins too, so their counts
 * are not request counts: the raw ones are.
 */
final class HdrLogOutput extends FileExport {
    /** Timestamps in the log are seconds; the Interval_Max column is divided by this (µs to ms). */
    private static final double MAX_VALUE_UNIT_RATIO = 1000.0;

    private final Histogram scratch = Latencies.newHistogram();
    private PrintStream print;
    private HistogramLogWriter writer;
    private boolean headed;

    HdrLogOutput(String target, OutputContext context) {
        super("hdr", target, "the HdrHistogram log", "run.hlog", context);
    }

    /** The tag of {@code key}'s corrected histograms; its raw ones are {@code raw:} + this. */
    static String tag(MetricKey key) {
        String t = key.operation() + (key.name().isEmpty() ? "" : ":" + key.name())
                + (key.workload().isEmpty() ? "" : "@" + key.workload());
        return t.replaceAll("[\\s,]", "_");
    }

    @Override
    protected void begin(OutputStream to, RunStart run) throws IOException {
        print = new PrintStream(to, false, StandardCharsets.UTF_8);
        writer = new HistogramLogWriter(print);
        writer.outputComment("mcpload " + McpRequests.CLIENT_VERSION + " latency log: microseconds; untagged and"
                + " OPERATION[:NAME] corrected for coordinated omission, raw and raw:OPERATION[:NAME] as measured");
        writer.outputLogFormatVersion();
        check(print);
    }

    private void head(long startEpochMs) throws IOException {
        headed = true;
        writer.outputStartTime(startEpochMs);
        writer.setBaseTime(startEpochMs);
        writer.outputBaseTime(startEpochMs);
        writer.outputLegend();
        check(print);
    }

    @Override
    protected void write(Interval interval, OutputStream to) throws IOException {
        if (!headed) {
            head(interval.wallClockMs() - interval.endMs());
        }
        double start = interval.startMs() / 1000.0;
        double end = interval.endMs() / 1000.0;
        line(start, end, null, interval.latency().corrected());
        line(start, end, "raw", interval.latency().raw());
        for (KeyInterval k : interval.keys().values()) {
            if (k.raw().getTotalCount() == 0 && k.corrected().getTotalCount() == 0) {
                continue;
            }
            String tag = tag(k.key());
            line(start, end, tag, k.corrected());
            line(start, end, "raw:" + tag, k.raw());
        }
        check(print);
    }

    /** The interval's histograms are not ours to tag: each is copied into one reused histogram first. */
    private void line(double start, double end, String tag, Histogram h) {
        scratch.reset();
        scratch.add(h);
        scratch.setTag(tag);
        writer.outputIntervalHistogram(start, end, scratch, MAX_VALUE_UNIT_RATIO);
    }

    @Override
    protected void end(RunResult result, OutputStream to) throws IOException {
        if (!headed) {
            head(result.startedAt().toEpochMilli());
        }
        print.flush();
        check(print);
    }
}
