package dev.mcpload.report.html;

import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.Latencies;
import dev.mcpload.report.JsonReport;
import dev.mcpload.result.RunResult;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the HTML page draws, as one JSON object: the JSON report itself ({@link JsonReport#build}), so the page
 * shows exactly the numbers the report and the summary show, with two changes.
 *
 * <ul>
 *   <li>Left out: what only a program reading the run back needs (the encoded intervals, the base64
 *       histograms). They are most of a report's size and the page never decodes them.</li>
 *   <li>Added: {@code timeseries_raw}, the uncorrected p50/p95/p99 of each interval, which the report's time
 *       series does not carry (it has the raw p99 only). They are computed from the same interval histograms,
 *       the same way: {@code p99_ms} there equals the report's {@code p99_raw_ms}.</li>
 * </ul>
 *
 * <p>The config as run is the report's {@code config}, redacted before the run started (header values are
 * {@code <redacted>}); nothing here adds to it.
 */
final class ReportData {
    /** The fields of the report that are histograms, dropped wherever they occur. */
    private static final String[] HISTOGRAMS = {"histogram", "histogram_raw"};

    private ReportData() {
    }

    static ObjectNode of(RunResult r) {
        ObjectNode report = JsonReport.build(r);
        report.remove("intervals");
        dropHistograms(report.path("per_tool"));
        dropHistograms(report.path("per_operation"));
        if (report.path("metrics").path("initialize") instanceof ObjectNode init) {
            init.remove("histogram");
        }
        ObjectNode data = report.objectNode();
        data.set("report", report);
        data.set("timeseries_raw", rawPercentiles(r, report.arrayNode()));
        return data;
    }

    private static void dropHistograms(JsonNode rows) {
        for (JsonNode row : rows) {
            if (row instanceof ObjectNode o) {
                for (String field : HISTOGRAMS) {
                    o.remove(field);
                }
            }
        }
    }

    /** One entry per interval, in the order of the report's {@code timeseries} (both are one per interval). */
    private static ArrayNode rawPercentiles(RunResult r, ArrayNode out) {
        for (EncodedInterval encoded : r.intervals()) {
            Histogram raw = encoded.decode().latency().raw();
            ObjectNode p = out.addObject();
            p.put("p50_ms", round3(Latencies.percentileMs(raw, 50)));
            p.put("p95_ms", round3(Latencies.percentileMs(raw, 95)));
            p.put("p99_ms", round3(Latencies.percentileMs(raw, 99)));
        }
        return out;
    }

    /** As the report rounds its milliseconds. */
    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
