/**
 * Schedules of load over time, one shape per file, in families: {@link dev.mcpload.engine.executor.ClosedExecutor}
 * (how many VUs at each moment: constant, ramping). Immutable and pure, so they are tested without an engine.
 */
package dev.mcpload.engine.executor;
