package dev.mcpload.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files the page is made of, read from the classpath at render time: the page's own template, style and
 * script (beside this class, under {@code dev/mcpload/report/html/}) and uPlot from its webjar
 * ({@code org.webjars.npm:uplot}). They are inlined into one file, so the report opens offline and from
 * anywhere; nothing is fetched from a network, ever.
 */
final class Assets {
    /** The uPlot version the pom depends on; its webjar's path names it. */
    static final String UPLOT_VERSION = "1.6.30";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";

    private Assets() {
    }

    static String template() {
        return own("report.html");
    }

    static String css() {
        return own("report.css");
    }

    static String script() {
        return own("report.js");
    }

    static String compareTemplate() {
        return own("compare.html");
    }

    static String compareCss() {
        return own("compare.css");
    }

    static String compareScript() {
        return own("compare.js");
    }

    static String uplotScript() {
        return inlineable(read(UPLOT + "uPlot.iife.min.js"), "uPlot.iife.min.js");
    }

    static String uplotCss() {
        return read(UPLOT + "uPlot.min.css");
    }

    private static String own(String name) {
        return inlineable(read("dev/mcpload/report/html/" + name), name);
    }

    /**
     * Script text inlined into a {@code <script>} element must not contain {@code </script}: the HTML parser
     * would end the element there. None of ours does; checked so a future uPlot that did fails loudly here.
     */
    private static String inlineable(String text, String name) {
        if (name.endsWith(".js") && text.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
            throw new IllegalStateException(name + " contains </script and cannot be inlined into the report");
        }
        return text;
    }

    private static String read(String path) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("mcpload is missing " + path + " on its classpath (a broken build:"
                        + " the HTML report needs it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + " from the classpath", e);
        }
    }
}
