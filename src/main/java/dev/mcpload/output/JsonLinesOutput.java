package dev.mcpload.output;

import dev.mcpload.metrics.Interval;
import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.report.JsonReport;
import dev.mcpload.result.ReportDocument;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code json-lines=FILE}: one JSON object per line (JSON Lines), each written and flushed as its interval closes,
 * for consumers that stream ({@code tail -f FILE | jq}). An interval line is {@code "type": "interval"}, its
 * {@code index} and {@code wall_clock}, the JSON report's {@code timeseries} point field for field (same names,
 * same numbers), {@code p50_raw_ms}, {@code p95_raw_ms}, the sessions opened and closed, and {@code keys}: per key
 * its {@code operation}, {@code name}, {@code workload} (when several ran) and the same figures. The last line,
 * {@code "type": "result"}, is the JSON report of the run without {@code timeseries} and {@code intervals} (the
 * lines before it are those).
 */
final class JsonLinesOutput extends FileExport {
    private long sessionsHeld; // the running sum of opened less closed, as the report's time series has it

    JsonLinesOutput(String target, OutputContext context) {
        super("json-lines", target, "the JSON lines", "run.jsonl", context);
    }

    @Override
    protected void write(Interval interval, OutputStream to) throws IOException {
        ObjectNode line = ReportReader.MAPPER.createObjectNode();
        line.put("type", "interval");
        line.put("index", interval.index());
        line.put("wall_clock", Instant.ofEpochMilli(interval.wallClockMs()).toString());
        sessionsHeld = Math.max(0, sessionsHeld + interval.events().sessionsOpened() - interval.events().sessionsClosed());
        line.setAll((ObjectNode) ReportReader.MAPPER.valueToTree(ReportDocument.Point.of(interval.sample(),
                sessionsHeld)));
        var rows = IntervalRow.of(interval);
        IntervalRow all = rows.get(0);
        line.put("p50_raw_ms", IntervalRow.round(all.p50RawMs(), 3));
        line.put("p95_raw_ms", IntervalRow.round(all.p95RawMs(), 3));
        line.put("sessions_opened", interval.events().sessionsOpened());
        line.put("sessions_closed", interval.events().sessionsClosed());
        ArrayNode keys = line.putArray("keys");
        for (IntervalRow r : rows.subList(1, rows.size())) {
            ObjectNode k = keys.addObject();
            k.put("operation", r.key().operation());
            k.put("name", r.key().name());
            if (!r.key().workload().isEmpty()) {
                k.put("workload", r.key().workload());
            }
            k.put("requests", r.requests());
            k.put("success_count", r.successes());
            k.put("error_count", r.errorCount());
            k.put("error_rate", IntervalRow.round(r.requests() == 0 ? 0 : (double) r.errorCount() / r.requests(), 6));
            k.put("throughput_rps", IntervalRow.round(r.throughputRps(), 3));
            k.put("p50_ms", IntervalRow.round(r.p50Ms(), 3));
            k.put("p95_ms", IntervalRow.round(r.p95Ms(), 3));
            k.put("p99_ms", IntervalRow.round(r.p99Ms(), 3));
            k.put("max_ms", IntervalRow.round(r.maxMs(), 3));
            k.put("p50_raw_ms", IntervalRow.round(r.p50RawMs(), 3));
            k.put("p95_raw_ms", IntervalRow.round(r.p95RawMs(), 3));
            k.put("p99_raw_ms", IntervalRow.round(r.p99RawMs(), 3));
            ObjectNode errors = k.putObject("errors");
            for (ErrorClass c : ErrorClass.values()) {
                Long n = r.errors().get(c);
                if (n != null && n > 0) {
                    errors.put(c.label(), n);
                }
            }
        }
        writeLine(line, to);
    }

    @Override
    protected void end(RunResult result, OutputStream to) throws IOException {
        ObjectNode report = JsonReport.build(result);
        report.remove("timeseries");
        report.remove("intervals");
        ObjectNode line = ReportReader.MAPPER.createObjectNode();
        line.put("type", "result");
        line.setAll(report);
        writeLine(line, to);
    }

    private static void writeLine(ObjectNode line, OutputStream to) throws IOException {
        to.write(ReportReader.MAPPER.writeValueAsBytes(line));
        to.write('\n');
    }
}
