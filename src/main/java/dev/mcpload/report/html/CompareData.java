package dev.mcpload.report.html;

import dev.mcpload.compare.Comparison;
import dev.mcpload.compare.Delta;
import dev.mcpload.compare.FailOn;
import dev.mcpload.compare.Noise;
import dev.mcpload.compare.RunSide;
import dev.mcpload.result.ReportDocument;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the comparison page draws, as one JSON object: each run's identity and time series (as its report wrote
 * them), and the comparison as {@link Comparison} judged it, with the texts the terminal prints, so the page and
 * the terminal cannot disagree on a figure or a mark.
 */
final class CompareData {
    private CompareData() {
    }

    static ObjectNode of(Comparison c) {
        ObjectNode data = ReportReader.MAPPER.createObjectNode();
        data.set("baseline", run(c.baseline(), data.objectNode()));
        data.set("current", run(c.current(), data.objectNode()));
        ArrayNode headline = data.putArray("headline");
        c.headline().forEach(d -> delta(d, headline.addObject()));
        ArrayNode keys = data.putArray("keys");
        for (Comparison.KeyRow k : c.keys()) {
            ObjectNode row = keys.addObject();
            row.put("label", k.key().label());
            row.put("in_baseline", k.inBaseline());
            row.put("in_current", k.inCurrent());
            ArrayNode figures = row.putArray("figures");
            k.deltas().forEach(d -> delta(d, figures.addObject()));
        }
        ArrayNode setup = data.putArray("setup");
        c.setup().forEach(setup::add);
        ArrayNode outcomes = data.putArray("outcomes");
        for (FailOn.Outcome o : c.outcomes()) {
            ObjectNode n = outcomes.addObject();
            n.put("rule", o.rule().text());
            n.put("failed", o.failed());
            n.put("observed", o.observed());
            n.put("inside_noise", o.delta().noise().state() == Noise.State.INSIDE);
        }
        ObjectNode facts = data.putObject("facts");
        facts.put("baseline_breaking_point", Comparison.breakingPoint(c.baseline().run()));
        facts.put("current_breaking_point", Comparison.breakingPoint(c.current().run()));
        return data;
    }

    private static ObjectNode run(RunSide s, ObjectNode n) {
        RunResult r = s.run();
        n.put("file", s.file());
        n.put("schema_version", s.schemaVersion());
        n.put("target", r.target());
        n.put("transport", r.transport());
        n.put("server", (r.server().name() + " " + r.server().version()).trim());
        n.put("protocol_version", r.server().protocolVersion());
        n.put("started_at", r.startedAt().toString());
        n.put("elapsed_secs", r.elapsedMs() / 1000.0);
        n.put("max_vus", r.maxVus());
        n.put("stop_reason", r.stopReason());
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
        return n;
    }

    private static void delta(Delta d, ObjectNode n) {
        n.put("label", d.figure().label());
        n.put("better", d.figure().better().name().toLowerCase(java.util.Locale.ROOT));
        putValue(n, "baseline", d.baseline());
        putValue(n, "current", d.current());
        n.put("baseline_text", d.baseline() == null ? "–" : d.figure().format(d.baseline()));
        n.put("current_text", d.current() == null ? "–" : d.figure().format(d.current()));
        n.put("change_text", d.comparable() ? d.figure().formatDifference(d.difference()) : "");
        n.put("relative_text", d.relativeText());
        n.put("mark", d.mark().name().toLowerCase(java.util.Locale.ROOT));
        Noise.Verdict v = d.noise();
        ObjectNode noise = n.putObject("noise");
        noise.put("state", v.state().name().toLowerCase(java.util.Locale.ROOT));
        if (v.state() != Noise.State.NOT_JUDGED) {
            noise.put("p", Math.round(v.p() * 1000) / 1000.0);
            noise.put("baseline", spread(d, v.baseline()));
            noise.put("current", spread(d, v.current()));
        } else {
            noise.put("why", v.why());
        }
    }

    private static String spread(Delta d, Noise.Spread s) {
        return "median " + d.figure().format(s.median()) + ", IQR " + d.figure().format(s.p25()) + "–"
                + d.figure().format(s.p75()) + " over " + s.intervals() + " intervals";
    }

    private static void putValue(ObjectNode n, String field, Double v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
