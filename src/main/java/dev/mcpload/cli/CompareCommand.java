package dev.mcpload.cli;

import dev.mcpload.compare.ComparePrinter;
import dev.mcpload.compare.Comparison;
import dev.mcpload.compare.FailOn;
import dev.mcpload.compare.RunSide;
import dev.mcpload.report.html.CompareHtml;
import dev.mcpload.config.FileErrors;
import dev.mcpload.report.CompareJson;
import dev.mcpload.report.ReportFiles;
import dev.mcpload.report.Style;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mcpload compare BASELINE.json CURRENT.json [--fail-on RULE]... [--json [FILE]] [--html [FILE]]}: two saved runs side by
 * side, every headline and per-tool figure with its change, whether each change is beyond the runs' own noise,
 * and the {@code --fail-on} rules judged, for a CI gate. Reads every report schema mcpload has written (1.1 on);
 * nothing is sent anywhere.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two saved runs: every headline and per-tool figure side by side, its change,"
                + " whether the change is beyond the runs' noise, and --fail-on rules for CI.",
                "Exit codes: 0 compared (every --fail-on rule held), 99 a --fail-on rule failed, 2 a report cannot"
                        + " be read or a rule is malformed, 74 the JSON or HTML file cannot be written."},
        footer = {"", "Rules: FIGURE[{tag:value}] OPERATOR CHANGE, failing when the change from the baseline"
                + " satisfies it:",
                "  'p99 > +10%'   'error_rate > +0.5pp'   'throughput < -5%'   'p(95){tool:search} > +20ms'",
                "  'mcp_init_duration p(99) > +25%'   'avg{operation:resources/read} > +2ms'",
                "Figures: p50 p90 p95 p99 p999 p(N) avg med min max (of mcp_req_duration), error_rate, throughput,"
                        + " or any threshold metric with its aggregation. Changes: % of the baseline, pp (error"
                        + " rates), or absolute (ms, /s, a count).",
                "A change is marked worse/better only beyond noise: the two runs' per-interval values are compared"
                        + " (Mann-Whitney U), not just two numbers."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE.json", description = "The run to compare against (a JSON report).")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT.json", description = "The run being judged (a JSON report).")
    Path current;

    @Option(names = "--fail-on", paramLabel = "RULE", description = "Exit 99 when the change satisfies RULE,"
            + " e.g. 'p99 > +10%' or 'error_rate > +0.5pp'; repeatable.")
    List<String> failOn = new ArrayList<>();

    @Option(names = "--html", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Write a comparison page with both runs' charts overlaid to FILE; without FILE, beside"
                    + " CURRENT.json with .compare.html for .json.")
    String html;

    @Option(names = "--json", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Write the comparison as JSON (docs/compare.schema.json) to FILE, '-' for standard output"
                    + " (the table is then not printed); without FILE, beside CURRENT.json with .compare.json"
                    + " for .json.")
    String json;

    @Option(names = "--no-color", description = "No ANSI colors (also honours NO_COLOR).")
    boolean noColor;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        List<FailOn> rules = new ArrayList<>();
        for (String text : failOn) {
            try {
                rules.add(FailOn.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        SavedReport base = SavedReport.read(baseline);
        SavedReport cur = SavedReport.read(current);
        Comparison c = Comparison.of(RunSide.of(baseline.toString(), base.document(), base.run()),
                RunSide.of(current.toString(), cur.document(), cur.run()), rules);
        for (FailOn.Outcome o : c.outcomes()) {
            if (o.delta().baseline() == null && o.delta().current() == null && !o.rule().figure().tags().isEmpty()) {
                throw new UserError("--fail-on '" + o.rule().text() + "': its filter selects nothing in either run"
                        + " (keys: " + String.join(", ", c.keys().stream().map(k -> k.key().label()).toList()) + ")");
            }
        }
        boolean jsonToStdout = "-".equals(json);
        if (jsonToStdout) {
            out.println(new String(CompareJson.bytes(c), StandardCharsets.UTF_8));
        } else {
            new ComparePrinter(out, Style.auto(noColor)).print(c);
        }
        if (json != null && !jsonToStdout) {
            write("--json", json, ".compare.json", "the comparison", CompareJson.bytes(c));
            out.println("  Comparison JSON: " + target(json, ".compare.json"));
        }
        if (html != null) {
            write("--html", html, ".compare.html", "the comparison page", CompareHtml.render(c));
            // with the JSON on standard output, nothing else may go there (it is piped to a parser)
            (jsonToStdout ? System.err : out).println("  Comparison page: " + target(html, ".compare.html"));
        }
        if (!jsonToStdout && (json != null || html != null)) {
            out.println();
        }
        return c.failed() ? Errors.THRESHOLDS_FAILED : Errors.OK;
    }

    /** Writes {@code bytes} where {@code option} says (beside CURRENT.json with {@code suffix} when it names none). */
    private void write(String option, String value, String suffix, String what, byte[] bytes) {
        Path file = target(value, suffix);
        for (Path input : List.of(baseline, current)) {
            if (file.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
                throw new UserError(option + " " + file + " is one of the reports compared: name another file");
            }
        }
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + value + " is a directory: name the file, e.g. " + option + " "
                    + file.resolve("compare" + suffix.substring(".compare".length())));
        }
        try {
            ReportFiles.replace(file, bytes);
        } catch (IOException e) {
            throw new UserError("could not write " + what + " to " + file + ": " + FileErrors.reason(e),
                    Errors.REPORT_NOT_WRITABLE);
        }
    }

    private Path target(String value, String suffix) {
        if (!value.isEmpty()) {
            return Path.of(value);
        }
        String name = current.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return current.resolveSibling(stem + suffix);
    }
}
