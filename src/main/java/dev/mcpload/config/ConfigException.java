package dev.mcpload.config;

/** A config the user must fix; the message names the file, the line and the key, and says how to fix it. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
