/**
 * What is measured, as data. Recorders on the hot path ({@link dev.mcpload.metrics.OperationMetrics}: lock-free
 * HdrHistogram recorders and counters per (operation, name) key, session setup apart); every interval the
 * {@link dev.mcpload.metrics.IntervalSampler} closes them into an immutable {@link dev.mcpload.metrics.Interval}
 * (per key the raw and the corrected histogram and the counts by outcome), which the live display, the
 * breaking-point detector and the report read; nothing downstream reads live state. Any window's percentiles
 * are the percentiles of its intervals' histograms added together, never an average.
 */
package dev.mcpload.metrics;
