/**
 * The one model of a finished or interrupted run ({@link dev.mcpload.result.RunResult}), made from the engine's
 * outcome, and its typed JSON form ({@link dev.mcpload.result.ReportDocument}, versioned, documented in
 * {@code docs/report.schema.json}), which {@link dev.mcpload.result.ReportReader} reads back into the same
 * result: every output renders from a result, live or read from a file.
 */
package dev.mcpload.result;
