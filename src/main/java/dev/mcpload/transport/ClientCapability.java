package dev.mcpload.transport;

import java.util.Locale;

/**
 * A client feature mcpload can declare in {@code initialize}. Declaring one makes servers that use it (a
 * server asking for roots when the session opens, a tool that samples) behave as with a real client; mcpload
 * answers their requests with a canned reply, so nothing waits on a human or a model.
 */
public enum ClientCapability {
    /** {@code roots/list} is answered with an empty list. */
    ROOTS("roots"),
    /** {@code sampling/createMessage} is answered with a fixed assistant text message. */
    SAMPLING("sampling"),
    /** {@code elicitation/create} is answered with {@code decline}. */
    ELICITATION("elicitation");

    private final String wireName;

    ClientCapability(String wireName) {
        this.wireName = wireName;
    }

    /** The key under {@code capabilities} in initialize, and the name a config file uses. */
    public String wireName() {
        return wireName;
    }

    /** The capability of that name ({@code roots}, {@code sampling}, {@code elicitation}; any case). */
    public static ClientCapability fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ClientCapability c : values()) {
            if (c.wireName.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a client capability mcpload can declare;"
                + " use roots, sampling or elicitation");
    }
}
