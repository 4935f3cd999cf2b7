/**
 * Where a run's results go: one seam, {@link dev.mcpload.output.Output} ({@code start · onInterval ·
 * onBreakingPoint · finish}), and one registry, {@link dev.mcpload.output.OutputRegistry}, of every output by
 * name (k6's {@code output} package is the model).
 *
 * <p>For one {@code mcpload run}: the command asks {@link dev.mcpload.output.RunOutputs#forRun} for the outputs
 * ({@code --progress} picks {@code live} or {@code progress}, then {@code summary}, then what {@code --out} names,
 * {@code json} by default); the engine is handed the {@code RunOutputs} as its one
 * {@link dev.mcpload.engine.IntervalListener} and passes every closed interval to each output in order; at the
 * end each output {@code finish}es with the {@link dev.mcpload.result.RunResult}. The outputs render with the
 * classes of {@code dev.mcpload.report} (live display, progress lines, summary, JSON report) and write nothing
 * the others read.
 *
 * <p>Adding an output (html, csv, hdr, prometheus): one class implementing {@code Output}, one line in the
 * registry. An output that can end the run early (a threshold with {@code abort_on_fail}) also implements
 * {@link dev.mcpload.output.StopsRun}. Exit codes stay in the command: an output that cannot do its job throws
 * {@link dev.mcpload.output.OutputException} with a sentence for the user, and the run exits as failed.
 */
package dev.mcpload.output;
