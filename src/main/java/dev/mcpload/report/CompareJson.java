package dev.mcpload.report;

import dev.mcpload.compare.Comparison;
import dev.mcpload.compare.Delta;
import dev.mcpload.compare.FailOn;
import dev.mcpload.compare.Noise;
import dev.mcpload.compare.RunSide;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine-readable comparison ({@code compare --json}): both runs' identities, the setup differences, every
 * headline and per-key figure with its change, mark and noise verdict, the {@code --fail-on} rules judged and
 * whether they all held, with the texts the terminal prints, so a CI bot and the terminal cannot disagree on a
 * figure. Every field is described in {@code docs/compare.schema.json}; the comparison page draws the same object
 * with each run's time series added.
 */
public final class CompareJson {
    public static final String SCHEMA_VERSION = "1.0";

    private CompareJson() {
    }

    /** The comparison as bytes, pretty-printed as {@code --json} writes it. */
    public static byte[] bytes(Comparison c) {
        return ReportReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(of(c));
    }

    public static ObjectNode of(Comparison c) {
        ObjectNode data = ReportReader.MAPPER.createObjectNode();
        data.put("schema_version", SCHEMA_VERSION);
        data.put("generator", McpRequests.CLIENT_NAME + " " + McpRequests.CLIENT_VERSION);
        data.put("passed", !c.failed());
        data.set("baseline", run(c.baseline(), data.objectNode()));
        data.set("current", run(c.current(), data.objectNode()));
        ArrayNode setup = data.putArray("setup");
        c.setup().forEach(setup::add);
        ArrayNode headline = data.putArray("headline");
        c.headline().forEach(d -> delta(d, headline.addObject()));
        ArrayNode keys = data.putArray("keys");
        for (Comparison.KeyRow k : c.keys()) {
            ObjectNode row = keys.addObject();
            row.put("label", k.key().label());
            row.put("operation", k.key().operation());
            row.put("name", k.key().name());
            row.put("workload", k.key().workload());
            row.put("in_baseline", k.inBaseline());
            row.put("in_current", k.inCurrent());
            ArrayNode figures = row.putArray("figures");
            k.deltas().forEach(d -> delta(d, figures.addObject()));
        }
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
        return n;
    }

    private static void delta(Delta d, ObjectNode n) {
        n.put("label", d.figure().label());
        n.put("better", d.figure().better().name().toLowerCase(Locale.ROOT));
        putValue(n, "baseline", d.baseline());
        putValue(n, "current", d.current());
        n.put("baseline_text", d.baseline() == null ? "–" : d.figure().format(d.baseline()));
        n.put("current_text", d.current() == null ? "–" : d.figure().format(d.current()));
        n.put("change_text", d.comparable() ? d.figure().formatDifference(d.difference()) : "");
        n.put("relative_text", d.relativeText());
        n.put("mark", d.mark().name().toLowerCase(Locale.ROOT));
        Noise.Verdict v = d.noise();
        ObjectNode noise = n.putObject("noise");
        noise.put("state", v.state().name().toLowerCase(Locale.ROOT));
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
