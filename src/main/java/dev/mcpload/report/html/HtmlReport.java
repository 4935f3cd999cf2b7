package dev.mcpload.report.html;

import dev.mcpload.result.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML report of a run: one self-contained, offline file. The page is a static template with its style, its
 * script, uPlot and the run's data ({@link ReportData}) inlined; the script draws the charts and tables in the
 * browser from that data. So all the figures come from the JSON report's own numbers, the page works from a
 * mail attachment or a CI artifact with no network, and what it shows can be checked in a real browser.
 *
 * <p>The template's slots are {@code {{name}}}; they are filled in one pass over the template, so text that is
 * put in (a server's error message in the data, say) is never read as a slot.
 */
public final class HtmlReport {
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z-]+)}}");

    private HtmlReport() {
    }

    /** The page, as UTF-8 bytes. */
    public static byte[] render(RunResult result) {
        Map<String, String> slots = Map.of(
                "uplot-css", Assets.uplotCss(),
                "css", Assets.css(),
                "uplot-js", Assets.uplotScript(),
                "js", Assets.script(),
                "data", ScriptJson.of(ReportData.of(result)),
                "uplot-version", Assets.UPLOT_VERSION);
        return fill(Assets.template(), slots).getBytes(StandardCharsets.UTF_8);
    }

    static String fill(String template, Map<String, String> slots) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 128 * 1024);
        while (m.find()) {
            String value = slots.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the HTML template has a slot nothing fills: " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
