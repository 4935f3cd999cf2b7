package dev.mcpload.report.html;

import dev.mcpload.compare.Comparison;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The comparison page of {@code mcpload compare --html}: one self-contained, offline file, like the HTML report
 * ({@link HtmlReport}), with the same style and uPlot inlined: the two runs' charts overlaid on one time axis
 * (seconds since each run's start), the headline and per-tool tables with their marks, the noise judgement and
 * the {@code --fail-on} rules.
 */
public final class CompareHtml {
    private CompareHtml() {
    }

    /** The page, as UTF-8 bytes. */
    public static byte[] render(Comparison c) {
        Map<String, String> slots = Map.of(
                "uplot-css", Assets.uplotCss(),
                "css", Assets.css(),
                "compare-css", Assets.compareCss(),
                "uplot-js", Assets.uplotScript(),
                "js", Assets.compareScript(),
                "data", ScriptJson.of(CompareData.of(c)),
                "uplot-version", Assets.UPLOT_VERSION);
        return HtmlReport.fill(Assets.compareTemplate(), slots).getBytes(StandardCharsets.UTF_8);
    }
}
