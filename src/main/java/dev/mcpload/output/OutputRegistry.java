package dev.mcpload.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every output mcpload has, by name, with how to make it (k6's name → constructor map). A new output is one
 * class and one line here. {@code --out} names the exports; the console ones ({@code live}, {@code progress})
 * are chosen by {@code --progress} and {@code summary} always runs, so {@code --out} does not take them.
 */
public final class OutputRegistry {
    /** Makes an output from its target (what followed {@code NAME=}, null without) and the context. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @throws IllegalArgumentException a target this output cannot take (a usage error, with the message)
         * @throws OutputException          where it would write cannot be written (checked before the load)
         */
        Output create(String target, OutputContext context);
    }

    /** One kind of output: its name, a line saying what it does, whether {@code --out} selects it, its factory. */
    public record Kind(String name, String help, boolean forOut, Factory factory) {
    }

    private static final Map<String, Kind> KINDS = index(List.of(
            new Kind("live", "the terminal display, redrawn twice a second (--progress tty)", false, LiveOutput::new),
            new Kind("progress", "one line per interval (--progress plain)", false, ProgressOutput::new),
            new Kind("summary", "the end-of-test summary", false, SummaryOutput::new),
            new Kind("json", "the JSON report: a new file in the report directory, or json=FILE", true,
                    JsonReportOutput::new),
            new Kind("csv", "the time series as CSV, per interval and key: csv=FILE", true, CsvOutput::new),
            new Kind("json-lines", "a JSON line per closed interval: json-lines=FILE", true, JsonLinesOutput::new),
            new Kind("hdr", "an HdrHistogram interval log, a tag per key: hdr=FILE", true, HdrLogOutput::new),
            new Kind("otlp", "live OTLP/HTTP metrics (JSON), pushed per closed interval: otlp=URL", true,
                    OtlpOutput::new),
            new Kind("html", "the HTML report, charts in one offline file: beside the JSON report, or html=FILE", true,
                    HtmlReportOutput::new)));

    private OutputRegistry() {
    }

    private static Map<String, Kind> index(List<Kind> kinds) {
        Map<String, Kind> byName = new LinkedHashMap<>();
        for (Kind k : kinds) {
            if (byName.put(k.name(), k) != null) {
                throw new IllegalStateException("two outputs are called " + k.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** Every output, each once, in the order above. */
    public static List<Kind> kinds() {
        return List.copyOf(KINDS.values());
    }

    /** The names {@code --out} takes. */
    public static List<String> outNames() {
        return KINDS.values().stream().filter(Kind::forOut).map(Kind::name).toList();
    }

    /**
     * The {@code --out} flag as a usage problem, or null when {@code --out} can take it: one line naming the
     * outputs it knows.
     */
    public static String checkOut(OutputSpec spec) {
        Kind kind = KINDS.get(spec.name());
        if (kind != null && kind.forOut()) {
            return null;
        }
        return "--out " + spec + ": " + (kind == null ? "unknown output '" + spec.name() + "'"
                : "'" + spec.name() + "' is not one --out takes: --progress chooses the console output, and the"
                + " summary always prints") + " (known: " + String.join(", ", outNames())
                + "; e.g. --out json=report.json)";
    }

    /** The output {@code spec} names (a name from {@link #kinds}). */
    public static Output create(OutputSpec spec, OutputContext context) {
        Kind kind = KINDS.get(spec.name());
        if (kind == null) {
            throw new IllegalArgumentException(checkOut(spec));
        }
        return kind.factory().create(spec.target(), context);
    }
}
