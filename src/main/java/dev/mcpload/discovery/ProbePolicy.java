package dev.mcpload.discovery;

/**
 * Which steps {@code mcpload init} calls once, beyond {@code initialize} and the list methods, to check that
 * the written file runs as it is. Whatever the policy, a tool {@link SideEffects} judges unsafe is never called.
 */
public enum ProbePolicy {
    /** {@code --no-probe}: nothing but the list methods; read-only steps are written active but untried. */
    NONE,
    /**
     * The default: tools annotated {@code readOnlyHint: true}, and every resource and prompt. Reading a resource
     * or getting a prompt is a read by the protocol's definition (neither has a hint saying otherwise), so it
     * is tried like a read-only tool.
     */
    READ_ONLY,
    /** {@code --probe}: also tools nothing marks either way, at the user's explicit request. */
    UNFLAGGED;

    /** Whether a tool judged {@code kind} is written active (and, unless {@link #NONE}, tried once). */
    boolean activates(SideEffects.Kind kind) {
        return switch (kind) {
            case READ_ONLY -> true;
            case UNKNOWN -> this == UNFLAGGED;
            case UNSAFE -> false;
        };
    }

    /** Whether init calls the active steps once. */
    public boolean calls() {
        return this != NONE;
    }
}
