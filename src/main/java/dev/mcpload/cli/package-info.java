/**
 * The command line (picocli): {@code run}, {@code init}, {@code serve}; the connection flags they share
 * ({@link dev.mcpload.cli.ConnectionOptions}); one-paragraph errors and the documented exit codes
 * ({@link dev.mcpload.cli.Errors}). Commands wire config, plan, engine and outputs; they compute nothing else.
 */
package dev.mcpload.cli;
