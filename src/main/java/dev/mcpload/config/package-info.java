/**
 * TOML in, immutable records out: all validation happens here, every problem of a file is collected with its
 * file, line and key ({@link dev.mcpload.config.ConfigProblems}); {@link dev.mcpload.config.PlanBuilder} turns the
 * records and the command line's overrides into the engine's {@link dev.mcpload.engine.Plan}. Nothing downstream
 * reads TOML or validates again.
 */
package dev.mcpload.config;
