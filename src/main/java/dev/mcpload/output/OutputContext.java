package dev.mcpload.output;

import dev.mcpload.report.Style;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What outputs are made with, known before anything connects.
 *
 * @param out        where the progress, the summary and the "JSON report: ..." line are printed
 * @param style      colors or none
 * @param reportDir  where a report without a target goes (--report-dir, else beside the config)
 * @param targetNote said after the target in the summary, e.g. "(embedded reference server)"; null for none
 */
public record OutputContext(PrintStream out, Style style, Path reportDir, String targetNote) {
}
