package dev.mcpload.output;

import dev.mcpload.metrics.Interval;
import dev.mcpload.protocol.ErrorClass;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code csv=FILE}: the time series as CSV (RFC 4180, UTF-8, a header line), in long ("tidy") form: per interval
 * one row with {@code scope} {@code all}, the JSON report's {@code timeseries} point (every request, session
 * setup included; latency of the scenario's operations), then one row per key with {@code scope} {@code key}
 * and its {@code operation,name,workload} ({@code initialize} among them; a key's requests add up to the
 * {@code all} row's). The interval's own columns ({@code setup_errors}, {@code dropped_iterations} and the
 * session events) are empty on key rows, so summing a column over all rows never counts twice. Written as the
 * run goes, one interval at a time; latencies in ms (corrected, never below raw, and raw), rates per second,
 * numbers rounded as in the JSON report.
 */
final class CsvOutput extends FileExport {
    static final List<String> COLUMNS = columns();

    CsvOutput(String target, OutputContext context) {
        super("csv", target, "the CSV time series", "run.csv", context);
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("t_secs", "interval_secs", "index", "stage", "vus", "target_vus",
                "scope", "operation", "name", "workload", "requests", "success_count", "error_count", "error_rate"));
        for (ErrorClass e : ErrorClass.values()) {
            c.add("errors_" + e.label());
        }
        c.addAll(List.of("setup_errors", "throughput_rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "p50_raw_ms",
                "p95_raw_ms", "p99_raw_ms", "dropped_iterations", "session_reinits", "sessions_opened",
                "sessions_closed"));
        return List.copyOf(c);
    }

    @Override
    protected void begin(OutputStream to, RunStart run) throws IOException {
        to.write((String.join(",", COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void write(Interval interval, OutputStream to) throws IOException {
        StringBuilder b = new StringBuilder(256 * (interval.keys().size() + 1));
        for (IntervalRow r : IntervalRow.of(interval)) {
            boolean all = r.key() == null;
            b.append(decimal(interval.endMs() / 1000.0, 3)).append(',')
                    .append(decimal((interval.endMs() - interval.startMs()) / 1000.0, 3)).append(',')
                    .append(interval.index()).append(',').append(interval.stage()).append(',')
                    .append(interval.vus()).append(',').append(interval.targetVus()).append(',')
                    .append(all ? "all" : "key").append(',');
            field(b, all ? "" : r.key().operation());
            field(b, all ? "" : r.key().name());
            field(b, all ? "" : r.key().workload());
            b.append(r.requests()).append(',').append(r.successes()).append(',').append(r.errorCount()).append(',')
                    .append(decimal(r.requests() == 0 ? 0 : (double) r.errorCount() / r.requests(), 6)).append(',');
            for (ErrorClass e : ErrorClass.values()) {
                b.append(r.errors(e)).append(',');
            }
            b.append(all ? Long.toString(r.setupErrors()) : "").append(',')
                    .append(decimal(r.throughputRps(), 3)).append(',')
                    .append(decimal(r.p50Ms(), 3)).append(',').append(decimal(r.p95Ms(), 3)).append(',')
                    .append(decimal(r.p99Ms(), 3)).append(',').append(decimal(r.maxMs(), 3)).append(',')
                    .append(decimal(r.p50RawMs(), 3)).append(',').append(decimal(r.p95RawMs(), 3)).append(',')
                    .append(decimal(r.p99RawMs(), 3)).append(',');
            if (all) {
                b.append(interval.events().droppedIterations()).append(',').append(interval.sessionReinits())
                        .append(',').append(interval.events().sessionsOpened()).append(',')
                        .append(interval.events().sessionsClosed());
            } else {
                b.append(",,,");
            }
            b.append("\r\n");
        }
        to.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A text field, quoted when it holds a comma, a quote or a line break (resource URIs can). */
    private static void field(StringBuilder b, String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            b.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            b.append(s);
        }
        b.append(',');
    }

    /** Rounded as in the JSON report, written plainly (no exponent, no trailing zeros). */
    static String decimal(double v, int digits) {
        double r = IntervalRow.round(v, digits);
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r)
                : BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }
}
