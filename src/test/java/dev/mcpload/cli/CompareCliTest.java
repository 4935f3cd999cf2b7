package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.compare.Comparison;
import dev.mcpload.compare.Delta;
import dev.mcpload.compare.Noise;
import dev.mcpload.compare.RunSide;
import dev.mcpload.metrics.EncodedInterval;
import dev.mcpload.metrics.Interval;
import dev.mcpload.protocol.Json;
import dev.mcpload.report.JsonReport;
import dev.mcpload.report.MiniSchema;
import dev.mcpload.result.ReportDocument;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import dev.mcpload.testing.InProcessCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code mcpload compare} through the CLI, against a ground truth: two real runs against the embedded reference
 * server whose only difference is the server's latency ({@code sleep} 2 ms, then 32 ms), so the current run's
 * p99 is ~30 ms worse and every interval says so (30 ms, not 10: on a shared 2-core machine a stall now and then
 * lifts an interval's corrected p99 past 12 ms, and the intervals could not tell the runs apart); a run compared with a part of itself, which is inside noise
 * by construction; and every report schema version mcpload has written, compared with the newest.
 */
@Timeout(180)
class CompareCliTest {
    private static final Path HISTORY = Path.of("src", "test", "resources", "reports", "history");
    private static final Path COMPARE_SCHEMA = Path.of(System.getProperty("mcpload.projectDir", "."), "docs",
            "compare.schema.json");
    private static final List<String> VERSIONS = List.of("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9");

    @TempDir
    static Path dir;
    private static Path fast;
    private static Path slow;

    private static Path run(String name, int sleepMs) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".toml"), """
                [settings]
                virtual_users = 2
                duration_secs = 12

                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                arguments = { ms = %d }
                """.formatted(sleepMs));
        Path json = dir.resolve(name + ".json");
        InProcessCli.Result r = InProcessCli.mcpload("run", "--config", config.toString(), "--progress", "none", "--no-color",
                "--out", "json=" + json);
        assertThat(r.code()).as(r.err()).isZero();
        return json;
    }

    @BeforeAll
    static void twoRunsThatDifferOnlyInTheServersLatency() throws Exception {
        fast = run("fast", 2);
        slow = run("slow", 32);
    }

    private static Comparison compare(Path a, Path b) throws Exception {
        ReportDocument da = ReportReader.read(a);
        ReportDocument db = ReportReader.read(b);
        return Comparison.of(RunSide.of(a.toString(), da, ReportReader.toRunResult(da)),
                RunSide.of(b.toString(), db, ReportReader.toRunResult(db)), List.of());
    }

    private static String line(String out, String startsWith) {
        return out.lines().filter(l -> l.trim().startsWith(startsWith)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + startsWith + "' in:\n" + out));
    }

    @Test
    void aKnownSlowdownIsAWorseP99BeyondNoiseAndFailsTheGate() throws Exception {
        Delta p99 = compare(fast, slow).headline("mcp_req_duration p(99)");
        // the server's latency rose by 30 ms: the p99 rose by about that, and every interval says so
        assertThat(p99.difference()).isBetween(22.0, 36.0);
        assertThat(p99.noise().state()).isEqualTo(Noise.State.BEYOND);
        assertThat(p99.noise().baseline().intervals()).isGreaterThanOrEqualTo(Noise.MIN_INTERVALS);
        assertThat(p99.noise().baseline().p75()).isLessThan(p99.noise().current().p25());
        assertThat(p99.mark()).isEqualTo(Delta.Mark.WORSE);

        Path page = dir.resolve("pages").resolve("slowdown.html");
        InProcessCli.Result r = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--no-color",
                "--fail-on", "p99 > +50%", "--fail-on", "p99 > +60ms", "--fail-on", "error_rate > +0.5pp",
                "--fail-on", "throughput < -50%", "--html", page.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Errors.THRESHOLDS_FAILED);
        assertThat(line(r.out(), "mcp_req_duration p(99)")).contains("✗ worse");
        assertThat(line(r.out(), "mcp_req_throughput")).contains("✗ worse");
        assertThat(line(r.out(), "mcp_req_error_rate")).doesNotContain("worse");
        assertThat(line(r.out(), "tools/call sleep")).contains("✗");
        assertThat(r.out()).contains("Mann-Whitney U p = ").contains("beyond noise (the current run's intervals sit"
                + " above the baseline's)");
        assertThat(line(r.out(), "✗ p99 > +50%")).contains("+");
        assertThat(line(r.out(), "✓ p99 > +60ms")).contains("ms");
        assertThat(r.out()).contains("✓ error_rate > +0.5pp").contains("✗ throughput < -50%")
                .contains("2 of 4 --fail-on rules failed.");
        // the runs were the same test but for the tool's argument: that is the one setup difference named
        assertThat(r.out()).contains("config scenario[0].arguments.ms 2 → 32");
        assertThat(r.out()).contains("Comparison page: " + page);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).contains("<meta name=\"mcpload-check\"").doesNotContainPattern("<(script|img)[^>]+src=");

        InProcessCli.Result held = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--no-color",
                "--fail-on", "p99 > +5000%");
        assertThat(held.code()).as(held.out() + held.err()).isEqualTo(Errors.OK);
        assertThat(held.out()).contains("Every --fail-on rule held.");
    }

    /**
     * A run against most of itself (its first interval left out): the per-interval values are a subset of the
     * baseline's, so the whole-run figures differ a little but the intervals cannot tell the two apart.
     */
    @Test
    void aRunComparedWithMostOfItselfIsInsideNoise() throws Exception {
        RunResult whole = ReportReader.toRunResult(ReportReader.read(fast));
        List<EncodedInterval> kept = whole.intervals().subList(1, whole.intervals().size());
        List<Interval> decoded = kept.stream().map(EncodedInterval::decode).toList();
        long elapsed = kept.get(kept.size() - 1).endMs() - kept.get(0).startMs();
        RunResult part = new RunResult(whole.target(), whole.transport(), whole.server(), whole.configAsRun(),
                whole.startedAt(), whole.endedAt(), elapsed, whole.maxVus(), whole.stageCount(),
                Interval.sum(decoded), decoded.stream().map(Interval::sample).toList(), Optional.empty(), false,
                whole.counters(), whole.errorExamples(), whole.stopReason(), kept, Optional.empty(), List.of());
        Path partJson = Files.write(dir.resolve("part.json"), JsonReport.bytes(part));

        Comparison c = compare(fast, partJson);
        Delta p99 = c.headline("mcp_req_duration p(99)");
        assertThat(p99.noise().state()).isEqualTo(Noise.State.INSIDE);
        assertThat(p99.mark()).isIn(Delta.Mark.NOISE, Delta.Mark.NONE);
        assertThat(c.headline().stream().map(Delta::mark)).doesNotContain(Delta.Mark.WORSE, Delta.Mark.BETTER);

        InProcessCli.Result r = InProcessCli.mcpload("compare", fast.toString(), partJson.toString(), "--no-color",
                "--fail-on", "p99 > +50%");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Errors.OK);
        assertThat(r.out()).contains("inside noise (the two runs' intervals mix as one run's would)");
        assertThat(r.out()).doesNotContain("set up differently");
    }

    @Test
    void everyReportVersionComparesWithTheNewestAndWithItself() throws Exception {
        Path newest = HISTORY.resolve("report-1.9.json");
        for (String v : VERSIONS) {
            Path old = HISTORY.resolve("report-" + v + ".json");
            Path page = dir.resolve("history-" + v + ".html");
            Path json = dir.resolve("history-" + v + ".compare.json");
            InProcessCli.Result r = InProcessCli.mcpload("compare", old.toString(), newest.toString(), "--no-color",
                    "--html", page.toString(), "--json", json.toString());
            assertThat(r.code()).as(v + ": " + r.out() + r.err()).isZero();
            assertThat(new MiniSchema(Json.parse(Files.readAllBytes(COMPARE_SCHEMA)))
                    .validate(Json.parse(Files.readAllBytes(json)))).as(v).isEmpty();
            assertThat(r.out()).as(v).contains("report " + v).contains("mcp_req_duration p(99)")
                    .contains("tools/call add").contains("tools/call divide");
            if (v.compareTo("1.4") < 0) {
                assertThat(r.out()).as(v).contains("keeps no per-interval histograms (they came in 1.4)");
            }
            // a config field an older schema did not write yet is not a difference in the test
            assertThat(r.out()).as(v).doesNotContain("(none) →");
            assertThat(Files.size(page)).as(v).isPositive();

            InProcessCli.Result self = InProcessCli.mcpload("compare", old.toString(), old.toString(), "--no-color",
                    "--fail-on", "p99 > +0%", "--fail-on", "error_rate > +0pp");
            assertThat(self.code()).as(v + ": " + self.out() + self.err()).isZero();
            assertThat(self.out()).as(v).doesNotContain("✗ worse").doesNotContain("✓ better").containsPattern("✓ p99 > \\+0%\\s+\\+0\\.0%")
                    .doesNotContain("set up differently");
        }
    }

    @Test
    void runsOfDifferentTestsAreLabelledAsSuch() {
        InProcessCli.Result r = InProcessCli.mcpload("compare", HISTORY.resolve("report-1.9.json").toString(), fast.toString(),
                "--no-color");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("The runs were set up differently").contains("config scenario[0].tool add → sleep");
        // a tool only one run called is a row of its own, said to be new or gone
        assertThat(line(r.out(), "tools/call sleep")).contains("(new: not in the baseline)");
        assertThat(line(r.out(), "tools/call add")).contains("(gone: not in the current run)");
    }

    /** {@code --json}: the table's figures, marks and verdicts for a CI bot, valid against its schema. */
    @Test
    void theJsonSaysWhatTheTableSays() throws Exception {
        Path file = dir.resolve("json").resolve("slowdown.json");
        InProcessCli.Result r = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--no-color",
                "--fail-on", "p99 > +50%", "--fail-on", "error_rate > +0.5pp", "--json", file.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Errors.THRESHOLDS_FAILED);
        assertThat(r.out()).contains("mcp_req_duration p(99)").contains("Comparison JSON: " + file);
        JsonNode json = Json.parse(Files.readAllBytes(file));
        assertThat(new MiniSchema(Json.parse(Files.readAllBytes(COMPARE_SCHEMA))).validate(json)).isEmpty();
        assertThat(json.path("passed").asBoolean(true)).isFalse();
        assertThat(json.path("baseline").path("file").asString()).isEqualTo(fast.toString());
        JsonNode p99 = null;
        for (JsonNode d : json.path("headline")) {
            if (d.path("label").asString().equals("mcp_req_duration p(99)")) {
                p99 = d;
            }
        }
        assertThat(p99).as("the p99 row").isNotNull();
        assertThat(p99.path("current").asDouble() - p99.path("baseline").asDouble()).isBetween(22.0, 36.0);
        assertThat(p99.path("mark").asString()).isEqualTo("worse");
        assertThat(p99.path("noise").path("state").asString()).isEqualTo("beyond");
        assertThat(line(r.out(), "mcp_req_duration p(99)")).contains(p99.path("current_text").asString())
                .contains(p99.path("relative_text").asString());
        assertThat(json.path("keys").get(0).path("operation").asString()).isEqualTo("tools/call");
        assertThat(json.path("keys").get(0).path("name").asString()).isEqualTo("sleep");
        assertThat(json.path("outcomes").get(0).path("failed").asBoolean()).isTrue();
        assertThat(json.path("outcomes").get(1).path("failed").asBoolean()).isFalse();
        assertThat(json.path("setup").toString()).contains("config scenario[0].arguments.ms 2 → 32");

        // '-': the JSON alone on standard output, for a pipe; no rule, so it passed
        InProcessCli.Result piped = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--json", "-");
        assertThat(piped.code()).as(piped.err()).isEqualTo(Errors.OK);
        JsonNode out = Json.parse(piped.out());
        assertThat(out.path("passed").asBoolean()).isTrue();
        assertThat(out.path("headline").size()).isEqualTo(json.path("headline").size());
        // with the page too, standard output stays the JSON alone
        Path page = dir.resolve("json").resolve("with-json.html");
        InProcessCli.Result both = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--json", "-",
                "--html", page.toString());
        assertThat(Json.parse(both.out()).path("passed").asBoolean()).isTrue();
        assertThat(both.err()).contains("Comparison page: " + page);
        // an output never replaces an input
        InProcessCli.Result over = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--json",
                slow.toString());
        assertThat(over.code()).isEqualTo(Errors.USAGE);
        assertThat(over.err()).contains("is one of the reports compared");
        assertThat(Json.parse(Files.readAllBytes(slow)).has("per_tool")).as("the report is intact").isTrue();
        // no FILE: beside CURRENT.json
        InProcessCli.Result beside = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--json");
        assertThat(beside.code()).isEqualTo(Errors.OK);
        assertThat(slow.resolveSibling("slow.compare.json")).exists();
        InProcessCli.Result unwritable = InProcessCli.mcpload("compare", fast.toString(), slow.toString(), "--json",
                dir.resolve("fast.toml").resolve("c.json").toString());
        assertThat(unwritable.code()).isEqualTo(Errors.REPORT_NOT_WRITABLE);
        assertThat(unwritable.err()).contains("could not write the comparison to");
    }

    @Test
    void badInputIsOneParagraphAndTheDocumentedExitCode() {
        String base = fast.toString();
        InProcessCli.Result rule = InProcessCli.mcpload("compare", base, base, "--fail-on", "p99 >> 10%");
        assertThat(rule.code()).isEqualTo(Errors.USAGE);
        assertThat(rule.err()).contains("--fail-on 'p99 >> 10%' is not a rule");
        InProcessCli.Result tag = InProcessCli.mcpload("compare", base, base, "--fail-on", "p99{tool:nope} > 10%");
        assertThat(tag.code()).isEqualTo(Errors.USAGE);
        assertThat(tag.err()).contains("selects nothing in either run").contains("tools/call sleep");
        InProcessCli.Result missing = InProcessCli.mcpload("compare", base, dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(Errors.USAGE);
        assertThat(missing.err()).contains("cannot read the report").contains("nope.json");
        InProcessCli.Result notJson = InProcessCli.mcpload("compare", base, dir.resolve("fast.toml").toString());
        assertThat(notJson.code()).isEqualTo(Errors.USAGE);
        assertThat(notJson.err()).contains("is not an mcpload JSON report");
        InProcessCli.Result unwritable = InProcessCli.mcpload("compare", base, base, "--html",
                dir.resolve("fast.toml").resolve("page.html").toString());
        assertThat(unwritable.code()).isEqualTo(Errors.REPORT_NOT_WRITABLE);
        assertThat(unwritable.err()).contains("could not write the comparison page");
        assertThat(unwritable.out()).as("the comparison still prints").contains("mcp_req_duration p(99)");
        for (InProcessCli.Result r : List.of(rule, tag, missing, notJson, unwritable)) {
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
