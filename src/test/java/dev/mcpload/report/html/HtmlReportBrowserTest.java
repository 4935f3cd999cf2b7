package dev.mcpload.report.html;

import static dev.mcpload.testing.InProcessCli.mcpload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli.Result;
import dev.mcpload.protocol.Json;
import dev.mcpload.server.ReferenceServer;
import dev.mcpload.server.ReferenceServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The HTML report in a real browser: a real short load test against the embedded reference server, through the
 * real command line with {@code --html}, then the file opened in headless chromium with the network off. The page's
 * self-check ({@code <meta name="mcpload-check">}) says how many charts exist and how many show their data (their
 * first series' colour is on the canvas), and counts script errors and blocked loads; chromium's log shows any
 * console message. Screenshots are left in {@code target/html-report/} for a person to look at.
 */
@Timeout(240)
class HtmlReportBrowserTest {
    /** Where the screenshots go, to look at after a run. */
    static final Path SHOTS = Path.of("target", "html-report");
    /** A tool name that is markup: the server's "unknown tool" error quotes it back into the report. */
    static final String MARKUP = "</script><img src=x onerror=alert(1)>";

    @TempDir
    Path dir;



    @Test
    void aRunsReportDrawsItsChartsAndTablesInABrowserWithoutErrors() throws Exception {
        Chromium chromium = Chromium.require(dir);
        Path config = dir.resolve("loadtest.toml");
        Files.writeString(config, """
                [settings]
                timeout_ms = 5000

                [[scenario]]
                type = "tools/call"
                tool = "add"
                weight = 60
                arguments = { a = 1, b = 2 }

                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                weight = 20
                arguments = { ms = 2 }

                [[scenario]]
                type = "tools/call"
                tool = "fail"
                weight = 10

                [[scenario]]
                type = "tools/call"
                tool = "%s"
                weight = 5

                [[stage]]
                target_vus = 2
                duration_secs = 2

                [[stage]]
                target_vus = 5
                duration_secs = 2

                [[stage]]
                target_vus = 1
                duration_secs = 2
                """.formatted(MARKUP.replace("\"", "\\\"")));
        Path html = dir.resolve("out").resolve("report.html");
        Result r;
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            r = mcpload("run", server.mcpUrl(), "--config", config.toString(), "--report-dir",
                    dir.resolve("reports").toString(), "--html", html.toString(), "--progress", "none", "--no-color",
                    "--header", "X-Api-Key: s3cr3t-value");
        }
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("HTML report: " + html);
        String page = Files.readString(html, StandardCharsets.UTF_8);
        // the header's value never reaches the page (the config as run says <redacted>, escaped in the JSON);
        // nothing is loaded from elsewhere; the markup in the data is escaped
        assertThat(page.contains("s3cr3t-value")).as("the secret header value is in the page").isFalse();
        assertThat(page.contains("\\u003credacted\\u003e")).as("the redacted header is in the page").isTrue();
        assertThat(page.contains(MARKUP)).as("the tool name's markup is in the page unescaped").isFalse();
        assertThat(page).as("the page loads nothing").doesNotContainPattern("<(script|img|iframe)[^>]+src=")
                .doesNotContainPattern("<link ");

        Chromium.Page p = chromium.dumpDom(html, 1280, 2000);
        assertThat(p.check()).as("self-check; chromium log:%n%s", p.log()).isEqualTo("charts=3 drawn=3 errors=0");
        assertThat(p.console()).as("console messages").isEmpty();
        String target = r.out().lines().filter(l -> l.contains("target:")).findFirst().orElseThrow()
                .replaceAll(".*target:\\s+", "").trim();
        shows(p, "Load test of " + target);
        // the per-tool table has a row per tool, and session setup last
        shows(p, "<td class=\"name\">add</td>", "<td class=\"name\">sleep</td>", "<td class=\"name\">fail</td>",
                "server/discover, first contact"); // the reference server speaks 2026-07-28 first
        // errors by class with the server's own words, and the markup in a tool name stays text
        shows(p, "tool_error", "The fail tool failed, as asked.", "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(p.dom().contains("<img")).as("an <img> element made from the data").isFalse();
        // no ceiling in a run's report: that section stays hidden; no thresholds were configured: nor that one,
        // with no rows, no link to it and no verdict in the header
        shows(p, "<section id=\"ceiling\" aria-labelledby=\"ceiling-h\" hidden=\"\">",
                "<section id=\"thresholds\" aria-labelledby=\"thresholds-h\" hidden=\"\">");
        assertThat(thresholdRows(p)).isEmpty();
        String shown = p.dom().substring(p.dom().indexOf("<header"), p.dom().indexOf("<script"));
        for (String t : new String[] {"href=\"#thresholds\"", "thresholds:", "Stopped early", "stopped early"}) {
            assertThat(shown.contains(t)).as("a report without thresholds shows %s", t).isFalse();
        }

        // a phone's width: the same page, still drawn
        Chromium.Page phone = chromium.dumpDom(html, 400, 2000);
        assertThat(phone.check()).isEqualTo("charts=3 drawn=3 errors=0");
        Files.createDirectories(SHOTS);
        chromium.screenshot(html, SHOTS.resolve("run-1280.png"), 1280, 3600);
        chromium.screenshot(html, SHOTS.resolve("run-400.png"), 400, 5200);
        assertThat(SHOTS.resolve("run-1280.png")).isNotEmptyFile();
    }

    @Test
    void theGeneratorsOwnErrorsAreShownAsNotTheServers() throws Exception {
        // issue 17: a kept report (schema 1.9) in which mcpload ran out of memory reading three answers of add
        Chromium chromium = Chromium.require(dir);
        Path kept = Path.of(System.getProperty("mcpload.projectDir", "."),
                "src/test/resources/reports/history/report-1.9.json");
        tools.jackson.databind.node.ObjectNode report = (tools.jackson.databind.node.ObjectNode) Json.parse(
                Files.readAllBytes(kept));
        for (JsonNode row : report.path("per_tool")) {
            if (row.path("name").asString().equals("add")) {
                tools.jackson.databind.node.ObjectNode r = (tools.jackson.databind.node.ObjectNode) row;
                r.put("requests", r.path("requests").asLong() + 3).put("error_count", 3);
                r.putObject("errors").put("generator", 3);
            }
        }
        ((tools.jackson.databind.node.ArrayNode) report.path("error_examples")).addObject()
                .put("class", "generator").put("operation", "tools/call add")
                .put("message", "mcpload ran out of memory (Java heap space) reading the answer of the server");
        var result = dev.mcpload.result.ReportReader.toRunResult(dev.mcpload.result.ReportReader.read(
                Json.bytes(report)));
        assertThat(result.errorsByClass()).containsEntry(dev.mcpload.protocol.ErrorClass.GENERATOR, 3L);
        Path html = dir.resolve("generator.html");
        Files.write(html, HtmlReport.render(result));
        Chromium.Page p = chromium.dumpDom(html, 1280, 2000);
        assertThat(p.check()).as("self-check; chromium log:%n%s", p.log()).endsWith("errors=0");
        assertThat(p.console()).isEmpty();
        shows(p, "<td>generator</td>", "<code>generator</code>", "mcpload ran out of memory (Java heap space)",
                "generator: mcpload itself could not complete 3 requests (out of memory, out of file descriptors)"
                        + " — not the server's fault.");
    }

    @Test
    void aCeilingReportAlsoDrawsP99AgainstSessionsAndTheCapacityTable() throws Exception {
        Chromium chromium = Chromium.require(dir);
        Path config = dir.resolve("loadtest.toml");
        Files.writeString(config, """
                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                arguments = { ms = 20 }
                """);
        Path html = dir.resolve("ceiling.html");
        Result r;
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.builder().maxConcurrency(4)
                .build())) {
            r = mcpload("ceiling", server.mcpUrl(), "--config", config.toString(), "--steps", "1,4,16",
                    "--max-sessions", "16", "--hold", "2s", "--settle", "1s", "--slo-p99", "50ms",
                    "--report-dir", dir.resolve("reports").toString(), "--html=" + html, "--no-color");
        }
        assertThat(r.code()).as(r.err()).isZero();
        // the dual-era reference server speaks 2026-07-28 here: a concurrency ceiling, of clients
        assertThat(r.out()).contains("Concurrency ceiling: 4 clients").contains("HTML report: " + html);

        Chromium.Page p = chromium.dumpDom(html, 1280, 2000);
        assertThat(p.check()).as("self-check; chromium log:%n%s", p.log()).isEqualTo("charts=4 drawn=4 errors=0");
        assertThat(p.console()).isEmpty();
        shows(p, "Concurrency ceiling: 4 clients", "ceiling: 4 clients", "<td>16</td>", "within", "discover p99");
        Files.createDirectories(SHOTS);
        chromium.screenshot(html, SHOTS.resolve("ceiling-1280.png"), 1280, 2400);
    }

    @Test
    void aReportWithThresholdsShowsEachWithItsMarkAndObservedValueAndTheOneThatStoppedTheRun() throws Exception {
        Chromium chromium = Chromium.require(dir);
        Path config = dir.resolve("loadtest.toml");
        // the reference server's latencies are known: sleep takes at least its ms, fail always fails (so it has
        // no latency to judge); the sleep threshold cannot hold and stops the run once its delay is over
        Files.writeString(config, """
                [settings]
                timeout_ms = 5000
                virtual_users = 2
                duration_secs = 60

                [[scenario]]
                type = "tools/call"
                tool = "add"
                weight = 6
                arguments = { a = 1, b = 2 }

                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                weight = 2
                arguments = { ms = 2 }

                [[scenario]]
                type = "tools/call"
                tool = "fail"
                weight = 1

                [thresholds]
                mcp_req_error_rate = "rate < 0.5"
                "mcp_req_duration{tool:add}" = "p(99) < 5000"
                mcp_req_error_count = "count == 0"
                "mcp_req_duration{tool:fail}" = "p(99) < 1000"
                "mcp_req_duration{tool:sleep}" = [{ threshold = "p(50) < 1", abort_on_fail = true, delay_abort_eval = "4s" }]
                """);
        Path html = dir.resolve("thresholds.html");
        Path reports = dir.resolve("reports");
        Result r;
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerOptions.defaults())) {
            r = mcpload("run", server.mcpUrl(), "--config", config.toString(), "--report-dir", reports.toString(),
                    "--html", html.toString(), "--progress", "none", "--no-color");
        }
        assertThat(r.code()).as("aborted by a threshold; %s%s", r.out(), r.err()).isEqualTo(108);
        assertThat(r.out()).contains("HTML report: " + html);
        JsonNode report;
        try (Stream<Path> s = Files.list(reports)) {
            report = Json.parse(Files.readAllBytes(s.filter(f -> f.toString().endsWith(".json")).findFirst()
                    .orElseThrow()));
        }
        assertThat(report.path("stop_reason").asString()).isEqualTo("aborted");
        JsonNode judged = report.path("thresholds");
        assertThat(judged).hasSize(5);

        Chromium.Page p = chromium.dumpDom(html, 1280, 2000);
        assertThat(p.check()).as("self-check; chromium log:%n%s", p.log()).isEqualTo("charts=3 drawn=3 errors=0");
        assertThat(p.console()).as("console messages").isEmpty();
        // one row per threshold, in the order configured: its mark, the metric k6-style with its tags, the
        // expression (with a note on the one that stopped the run) and the value observed, as the report says
        List<List<String>> rows = thresholdRows(p);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).containsExactly("✓passed", "mcp_req_error_rate", "rate < 0.5",
                judged.get(0).path("observed_text").asString());
        assertThat(rows.get(1)).containsExactly("✓passed", "mcp_req_duration{tool:add}", "p(99) < 5000",
                judged.get(1).path("observed_text").asString());
        assertThat(rows.get(2)).containsExactly("✗failed", "mcp_req_error_count", "count == 0",
                judged.get(2).path("observed_text").asString());
        assertThat(rows.get(3)).containsExactly("✗failed", "mcp_req_duration{tool:fail}", "p(99) < 1000", "no data");
        assertThat(rows.get(4)).containsExactly("✗failed", "mcp_req_duration{tool:sleep}",
                "p(50) < 1stopped the run", judged.get(4).path("observed_text").asString());
        assertThat(rows.get(0).get(3)).matches("rate=0\\.[0-9]+ \\([0-9.]+%\\)");
        assertThat(rows.get(1).get(3)).matches("p\\(99\\)=[0-9.]+m?s");
        assertThat(rows.get(2).get(3)).matches("count=[1-9][0-9]*");
        // passed rows are marked good, failed ones bad (green and red in the style sheet)
        shows(p, "<tr class=\"passed\"><td class=\"result good\">", "<tr class=\"failed\"><td class=\"result bad\">");
        // the one-line verdict, in the section and the header; the section comes right after the overview and
        // is in the table of contents; the overview says the run was stopped early, and by which threshold
        shows(p, "✗ </span>3 of 5 thresholds failed; mcp_req_duration{tool:sleep} stopped the run early.",
                "✗ thresholds: 3 of 5 failed", "✗ stopped early by a threshold", "href=\"#thresholds\"",
                "Stopped early by a threshold: mcp_req_duration{tool:sleep} 'p(50) &lt; 1' failed (abort_on_fail)");
        assertThat(p.dom().indexOf("<section id=\"thresholds\"")).isGreaterThan(p.dom().indexOf("id=\"overview\""))
                .isLessThan(p.dom().indexOf("id=\"latency\""));
        assertThat(p.dom().contains("<section id=\"thresholds\" aria-labelledby=\"thresholds-h\" hidden"))
                .as("the thresholds section is hidden").isFalse();

        Chromium.Page phone = chromium.dumpDom(html, 400, 2000);
        assertThat(phone.check()).isEqualTo("charts=3 drawn=3 errors=0");
        assertThat(thresholdRows(phone)).isEqualTo(rows);
        Files.createDirectories(SHOTS);
        Files.copy(html, SHOTS.resolve("thresholds.html"), StandardCopyOption.REPLACE_EXISTING);
        chromium.screenshot(html, SHOTS.resolve("thresholds-1280.png"), 1280, 1400);
        chromium.screenshot(html, SHOTS.resolve("thresholds-1280-dark.png"), 1280, 1400, true);
        chromium.screenshot(html, SHOTS.resolve("thresholds-400.png"), 400, 2000);
        assertThat(SHOTS.resolve("thresholds-1280-dark.png")).isNotEmptyFile();
    }

    /** The rows of the page's thresholds table, each as its cells' text (markup dropped, entities read back). */
    static List<List<String>> thresholdRows(Chromium.Page page) {
        String dom = page.dom();
        int start = dom.indexOf("<table id=\"thresholds-table\"");
        if (start < 0) {
            return List.of();
        }
        String table = dom.substring(start, dom.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr class=\"(?:passed|failed)\">(.*?)</tr>").matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&quot;", "\"").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Each text is in the page's DOM (said without printing the whole page when it is not). */
    static void shows(Chromium.Page page, String... texts) {
        for (String t : texts) {
            assertThat(page.dom().contains(t)).as("the page shows %s", t).isTrue();
        }
    }
}
