/**
 * {@code mcpload compare}: two finished runs ({@link dev.mcpload.result.RunResult}s read back from their
 * reports) side by side. {@link dev.mcpload.compare.Figure} is what is compared (a threshold metric, an
 * aggregation, a filter), {@link dev.mcpload.compare.Noise} judges whether a change is beyond the runs'
 * interval-to-interval spread, {@link dev.mcpload.compare.Delta} is one figure of both runs with its mark,
 * {@link dev.mcpload.compare.FailOn} the CI rules, {@link dev.mcpload.compare.Comparison} the whole judged once;
 * {@link dev.mcpload.compare.ComparePrinter} and {@code report.html.CompareHtml} only render it.
 */
package dev.mcpload.compare;
