package dev.mcpload.report.html;

import dev.mcpload.compare.Comparison;
import dev.mcpload.compare.RunSide;
import dev.mcpload.report.CompareJson;
import dev.mcpload.result.ReportDocument;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the comparison page draws, as one JSON object: the comparison as {@code compare --json} writes it
 * ({@link CompareJson}: the figures as {@link Comparison} judged them, with the texts the terminal prints, so the
 * page and the terminal cannot disagree on a figure or a mark), and each run's time series as its report wrote it.
 */
final class CompareData {
    private CompareData() {
    }

    static ObjectNode of(Comparison c) {
        ObjectNode data = CompareJson.of(c);
        timeseries(c.baseline(), (ObjectNode) data.get("baseline"));
        timeseries(c.current(), (ObjectNode) data.get("current"));
        return data;
    }

    private static void timeseries(RunSide s, ObjectNode n) {
        ArrayNode points = n.putArray("timeseries");
        for (ReportDocument.Point p : s.timeseries()) {
            ObjectNode o = points.addObject();
            o.put("t_secs", p.tSecs());
            o.put("vus", p.vus());
            o.put("requests", p.requests());
            o.put("success_count", p.successCount());
            o.put("throughput_rps", p.throughputRps());
            o.put("error_rate", p.errorRate());
            o.put("p50_ms", p.p50Ms());
            o.put("p95_ms", p.p95Ms());
            o.put("p99_ms", p.p99Ms());
        }
    }
}
