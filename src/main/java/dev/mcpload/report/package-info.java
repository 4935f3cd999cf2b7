/**
 * What a person reads: the k6-style {@link dev.mcpload.report.SummaryPrinter}, the live terminal display, the
 * plain progress lines, and atomic report files. All render from {@code metrics} intervals or a
 * {@code result.RunResult}, never from live engine state.
 */
package dev.mcpload.report;
