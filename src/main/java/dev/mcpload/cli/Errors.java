package dev.mcpload.cli;

import dev.mcpload.config.ConfigException;
import dev.mcpload.protocol.McpException;
import picocli.CommandLine;

/**
 * Turns what went wrong into one paragraph for a person: what, where, how to fix. A stack trace only with
 * {@code --verbose} (or for a bug in mcpload itself, which says so).
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        var err = cl.getErr();
        if (ex instanceof ConfigException) {
            err.println("mcpload: config error: " + ex.getMessage());
            return USAGE;
        }
        if (ex instanceof UserError) {
            err.println("mcpload: " + ex.getMessage());
            return ((UserError) ex).exitCode();
        }
        if (ex instanceof McpException m) {
            err.println("mcpload: " + m.errorClass().label() + " error: " + m.getMessage());
            if (verbose) {
                ex.printStackTrace(err);
            }
            return FAILED;
        }
        err.println("mcpload: internal error (a bug in mcpload; please report it with --verbose output): " + ex);
        if (verbose) {
            ex.printStackTrace(err);
        }
        return FAILED;
    }
}
