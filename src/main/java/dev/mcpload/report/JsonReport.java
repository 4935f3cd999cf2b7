package dev.mcpload.report;

import dev.mcpload.result.ReportDocument;
import dev.mcpload.result.ReportReader;
import dev.mcpload.result.RunResult;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine-readable report of a run: the typed {@link ReportDocument} as JSON, which
 * {@link ReportReader} reads back. Every field is described in {@code docs/report.schema.json}.
 */
public final class JsonReport {
    public static final String SCHEMA_VERSION = ReportDocument.SCHEMA_VERSION;

    private JsonReport() {
    }

    /** The report as a JSON tree, as a reader of the file sees it (histograms as base64 strings). */
    public static ObjectNode build(RunResult r) {
        return (ObjectNode) ReportReader.MAPPER.readTree(ReportReader.MAPPER.writeValueAsBytes(ReportDocument.of(r)));
    }

    /** The report as bytes, pretty-printed as it is written to disk. */
    public static byte[] bytes(RunResult r) {
        return ReportReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(ReportDocument.of(r));
    }
}
