package dev.mcpload.cli;

/** A problem the user can fix (bad flag, unreachable target, unwritable report dir); printed without trace. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    UserError(String message) {
        this(message, Errors.USAGE);
    }

    UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
