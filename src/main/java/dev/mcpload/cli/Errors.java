package dev.mcpload.cli;

import dev.mcpload.config.ConfigException;
import dev.mcpload.protocol.McpException;
import java.util.List;
import picocli.CommandLine;

/**
 * Turns what went wrong into one paragraph for a person: what, where, how to fix. A stack trace only with
 * {@code --verbose} (or for a bug in mcpload itself, which says so). Every exit code is one of the constants
 * below, documented together in the README ("Exit codes").
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** The test ran (or the command did what it was asked). */
    static final int OK = 0;
    /** The target could not be tested (no session, nothing opened), or the report could not be written. */
    static final int FAILED = 1;
    /** Bad usage or config: nothing was sent. */
    static final int USAGE = 2;
    /** A report or export could not be written (at the start, before any load, or at the end). */
    static final int REPORT_NOT_WRITABLE = 74;
    /**
     * Ctrl-C (SIGINT): the summary and report of what was measured are still written. The JVM sets it (128 +
     * signal 2) when the signal ends it; {@link Main#main} does not call {@code System.exit} during that
     * shutdown. (SIGTERM, as from {@code kill}, gives 143 the same way.)
     */
    static final int INTERRUPTED = 130;

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

    /**
     * A flag picocli could not read: one line saying which and why, a suggestion for a misspelled flag, and
     * where the flags are listed — not picocli's whole usage text, in which the one line that matters is lost.
     */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName(" ");
        StringBuilder line = new StringBuilder("mcpload: ").append(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
            }
        }
        line.append(" (see '").append(command).append(" --help')");
        cl.getErr().println(line);
        return USAGE;
    }
}
