package dev.mcpload.cli;

import dev.mcpload.transport.TransportKind;

/** Reading {@code --transport} and {@code --command} the same way in {@code run} and {@code init}. */
final class TransportFlags {
    private TransportFlags() {
    }

    static TransportKind parse(String transport) {
        try {
            return TransportKind.parse(transport);
        } catch (IllegalArgumentException e) {
            throw new UserError("--transport: " + e.getMessage());
        }
    }

    /** The server command line, which {@code --transport stdio} cannot do without. */
    static String requireCommand(String command) {
        if (command == null || command.isBlank()) {
            throw new UserError("--transport stdio needs --command 'server command line'");
        }
        return command;
    }
}
