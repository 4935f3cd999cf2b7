/**
 * Schedules of load over time, one shape per file, in families: {@link dev.mcpload.engine.executor.ClosedExecutor}
 * (how many VUs at each moment: constant, ramping) and {@link dev.mcpload.engine.executor.OpenExecutor} (when
 * each iteration starts: constant and ramping arrival rate). Immutable and pure, so they are tested without an
 * engine.
 */
package dev.mcpload.engine.executor;
