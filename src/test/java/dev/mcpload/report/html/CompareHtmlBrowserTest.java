package dev.mcpload.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpload.testing.InProcessCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison page ({@code mcpload compare --html}) in a real browser: two real short runs against the
 * embedded reference server, the second with a slower tool, compared through the real command line; the page
 * opened in headless chromium with the network off. Its self-check says how many charts exist and how many show
 * both runs' lines; the tables must carry the marks the terminal printed. Also a report from before 1.4 against
 * the newest, whose page must draw too. Screenshots go to {@code target/html-report/} for a person to look at.
 */
@Timeout(240)
class CompareHtmlBrowserTest {
    private static final Path HISTORY = Path.of("src", "test", "resources", "reports", "history");

    @TempDir
    Path dir;

    private Path run(String name, int sleepMs) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".toml"), """
                [settings]
                virtual_users = 2
                duration_secs = 6

                [[scenario]]
                type = "tools/call"
                tool = "sleep"
                weight = 9
                arguments = { ms = %d }

                [[scenario]]
                type = "tools/call"
                tool = "%s"
                weight = 1
                """.formatted(sleepMs, HtmlReportBrowserTest.MARKUP.replace("\"", "\\\"")));
        Path json = dir.resolve(name + ".json");
        InProcessCli.Result r = InProcessCli.mcpload("run", "--config", config.toString(),
                "--progress", "none", "--no-color", "--out", "json=" + json);
        assertThat(r.code()).as(r.err()).isZero();
        return json;
    }

    private static void shows(Chromium.Page p, String... texts) {
        for (String t : texts) {
            assertThat(p.dom().contains(t)).as("the page shows %s", t).isTrue();
        }
    }

    @Test
    void aComparisonPageDrawsBothRunsAndTheMarksTheTerminalPrinted() throws Exception {
        Chromium chromium = Chromium.require(dir);
        Path fast = run("fast", 1);
        Path slow = run("slow", 20); // far above what a stall of the machine adds to the fast run's p99
        Path page = dir.resolve("compare.html");
        InProcessCli.Result r = InProcessCli.mcpload("compare", fast.toString(), slow.toString(),
                "--no-color", "--fail-on", "p99 > +25%", "--fail-on", "error_rate > +5pp", "--html", page.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(99);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html.contains(HtmlReportBrowserTest.MARKUP)).as("the tool name's markup unescaped").isFalse();
        assertThat(html).doesNotContainPattern("<(script|img|iframe)[^>]+src=").doesNotContainPattern("<link ");

        Chromium.Page p = chromium.dumpDom(page, 1280, 2400);
        assertThat(p.check()).as("self-check; chromium log:%n%s", p.log()).isEqualTo("charts=3 drawn=3 errors=0");
        assertThat(p.console()).as("console messages").isEmpty();
        shows(p, "Comparison of ", fast.toString(), slow.toString());
        // the rules, as the terminal judged them, and the verdict in the header
        shows(p, "<code>p99 &gt; +25%</code>", "<code>error_rate &gt; +5pp</code>", "1 of 2 rules failed",
                "✗ 1 of 2 fail-on rules failed");
        // the headline p99 row is marked worse, as the terminal line is
        String p99Line = r.out().lines().filter(l -> l.trim().startsWith("mcp_req_duration p(99)")).findFirst()
                .orElseThrow();
        assertThat(p99Line).contains("✗ worse");
        assertThat(p.dom()).containsPattern("<tr class=\"worse\"><td>mcp_req_duration p\\(99\\)</td>");
        // the config difference is named, and the tool rows are there, the markup one as text
        shows(p, "config scenario[0].arguments.ms 1 → 20", "tools/call sleep",
                "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(p.dom().contains("<img")).as("an <img> element made from the data").isFalse();

        Files.createDirectories(HtmlReportBrowserTest.SHOTS);
        Files.copy(page, HtmlReportBrowserTest.SHOTS.resolve("compare.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        chromium.screenshot(page, HtmlReportBrowserTest.SHOTS.resolve("compare-1280.png"), 1280, 2400);
        chromium.screenshot(page, HtmlReportBrowserTest.SHOTS.resolve("compare-1280-dark.png"), 1280, 2400, true);
        chromium.screenshot(page, HtmlReportBrowserTest.SHOTS.resolve("compare-400.png"), 400, 2400);
        assertThat(HtmlReportBrowserTest.SHOTS.resolve("compare-1280.png")).exists();
    }

    @Test
    void aReportFromBeforeIntervalsComparesOnAPageThatDrawsToo() throws Exception {
        Chromium chromium = Chromium.require(dir);
        Path page = dir.resolve("history.html");
        InProcessCli.Result r = InProcessCli.mcpload("compare",
                HISTORY.resolve("report-1.1.json").toString(), HISTORY.resolve("report-1.9.json").toString(),
                "--no-color", "--html", page.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Chromium.Page p = chromium.dumpDom(page, 1280, 2000);
        assertThat(p.check()).as("self-check; chromium log:%n%s", p.log()).isEqualTo("charts=3 drawn=3 errors=0");
        assertThat(p.console()).as("console messages").isEmpty();
        shows(p, "Noise not judged: ", "keeps no per-interval histograms", "report 1.1", "protocol 2025-11-25 → 2026-07-28");
        // no rules were given: that section stays hidden
        shows(p, "<section id=\"rules\" aria-labelledby=\"rules-h\" hidden=\"\">");
    }
}
