package dev.mcpload.output;

/** An output could not do its job (a file that cannot be written); the message is one sentence for the user. */
public final class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message) {
        super(message, null, false, false);
    }
}
