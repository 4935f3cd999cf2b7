package dev.mcpload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import dev.mcpload.testing.InProcessCli.Result;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpload report REPORT.json} through the real command line: one short run against the reference server
 * writes a JSON report and, with {@code --html}, its HTML report; {@code report} then renders the JSON report again,
 * and the page it writes embeds exactly the data the run's own page did.
 */
@Timeout(120)
class ReportCommandCliTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"mcpload-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    static Path dir;
    private static Path json;
    private static Path runHtml;
    private static Result run;

    @BeforeAll
    static void runOnce() {
        json = dir.resolve("run.json");
        runHtml = dir.resolve("run.html");
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            run = InProcessCli.mcpload("run", server.mcpUrl(), "--vus", "2", "--duration", "2", "--progress", "none",
                    "--no-color", "--out", "json=" + json, "--html", runHtml.toString());
        }
        assertThat(run.code()).as(run.err()).isZero();
    }

    private static String data(Path html) throws Exception {
        Matcher m = DATA.matcher(Files.readString(html, StandardCharsets.UTF_8));
        assertThat(m.find()).as("the data element in " + html).isTrue();
        return m.group(1);
    }

    /** The summary from its first metric line through the breaking point line: the same numbers, printed again. */
    private static String metrics(String out) {
        int from = out.indexOf("  mcp_req_duration.");
        int to = out.indexOf('\n', out.indexOf("  Breaking point:", from));
        assertThat(from).as(out).isNotNegative();
        assertThat(to).as(out).isPositive();
        return out.substring(from, to);
    }

    @Test
    void reportWritesTheSameHtmlDataAsTheRunDid() throws Exception {
        Path again = dir.resolve("again").resolve("again.html");
        Files.createDirectories(again.getParent());
        Result r = InProcessCli.mcpload("report", json.toString(), "--html", again.toString(), "--no-color");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("HTML report: " + again).doesNotContain("mcp_req_duration");
        assertThat(data(again)).isEqualTo(data(runHtml));
        assertThat(Files.readString(again, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(runHtml, StandardCharsets.UTF_8));
    }

    @Test
    void reportWithoutHtmlPrintsTheSummaryAgain() {
        Result r = InProcessCli.mcpload("report", json.toString(), "--no-color");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(metrics(r.out())).isEqualTo(metrics(run.out())).contains("mcp_req_duration....")
                .contains("per-tool metrics").contains("tools/list");
        Result both = InProcessCli.mcpload("report", json.toString(), "--no-color", "--summary", "--html",
                dir.resolve("both.html").toString());
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.out()).contains("mcp_req_duration").contains("HTML report: " + dir.resolve("both.html"));
    }

    /** A report kept from any earlier version renders again: its summary, and an HTML page that draws. */
    @org.junit.jupiter.params.ParameterizedTest(name = "schema {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8",
        "1.9"})
    void everyReportVersionMcploadWroteRendersAgain(String version) throws Exception {
        Path old = Path.of(System.getProperty("mcpload.projectDir", "."), "src/test/resources/reports/history",
                "report-" + version + ".json");
        Path html = dir.resolve("history-" + version + ".html");
        Result summary = InProcessCli.mcpload("report", old.toString(), "--no-color");
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("mcp_req_total").contains("per-tool metrics").contains("add");
        Result page = InProcessCli.mcpload("report", old.toString(), "--html", html.toString(), "--no-color");
        assertThat(page.code()).as(page.err()).isZero();
        // the page holds the run read back, in today's form: the same run (its start), as schema 1.9
        String startedAt = dev.mcpload.protocol.Json.parse(Files.readAllBytes(old)).path("started_at").asString();
        assertThat(data(html)).contains("\"started_at\":\"" + startedAt + "\"")
                .contains("\"schema_version\":\"" + dev.mcpload.result.ReportDocument.SCHEMA_VERSION + "\"");
    }

    @Test
    void aMissingOrNotAReportFileIsOneSentenceNamingItAndExitCode2() throws Exception {
        Path missing = dir.resolve("nope.json");
        Result r = InProcessCli.mcpload("report", missing.toString(), "--html", dir.resolve("x.html").toString());
        assertThat(r.code()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).contains(missing.toString()).startsWith("mcpload: ");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(dir.resolve("x.html")).doesNotExist();

        Path notJson = dir.resolve("notes.json");
        Files.writeString(notJson, "hello, not json");
        r = InProcessCli.mcpload("report", notJson.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).contains(notJson.toString());
        assertThat(r.err().strip().lines()).hasSize(1);

        Path otherJson = dir.resolve("other.json");
        Files.writeString(otherJson, "{\"name\": \"package.json, not a report\"}");
        r = InProcessCli.mcpload("report", otherJson.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Errors.USAGE);
        assertThat(r.err()).contains(otherJson.toString());
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void anHtmlFileThatCannotBeWrittenIsExitCode74() throws Exception {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        Path html = blocker.resolve("report.html"); // under a regular file: never writable
        Result r = InProcessCli.mcpload("report", json.toString(), "--html", html.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(Errors.REPORT_NOT_WRITABLE);
        assertThat(r.err()).contains(html.toString());
    }
}
