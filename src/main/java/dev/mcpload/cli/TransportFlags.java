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

    /**
     * The transport the flags ask for, refusing combinations that would silently ignore one of them. A
     * {@code --command} alone means stdio (there is nothing else it could mean, and {@code auto} is the
     * default); with a URL, or with {@code --transport http}/{@code sse}, it is an error, as is a URL with
     * {@code --transport stdio}.
     */
    static TransportKind resolve(String transport, String command, String url) {
        TransportKind kind = parse(transport);
        boolean hasCommand = command != null && !command.isBlank();
        if (kind == TransportKind.STDIO && url != null) {
            throw new UserError("--transport stdio starts the server with --command and talks to it on stdin/stdout;"
                    + " it does not use the URL '" + url + "': drop the URL, or drop --transport stdio and"
                    + " --command to test the server at that URL");
        }
        if (hasCommand && kind == TransportKind.AUTO) {
            if (url != null) {
                throw new UserError("give either a URL or --command, not both: a URL tests a running server,"
                        + " --command starts one server process per session (stdio)");
            }
            return TransportKind.STDIO;
        }
        if (hasCommand && kind != TransportKind.STDIO) {
            throw new UserError("--command starts a server process, which only --transport stdio uses; with"
                    + " --transport " + transport + " it would be ignored: drop --command, or use --transport stdio");
        }
        return kind;
    }

    /** The server command line, which {@code --transport stdio} cannot do without. */
    static String requireCommand(String command) {
        if (command == null || command.isBlank()) {
            throw new UserError("--transport stdio needs --command 'server command line'");
        }
        return command;
    }
}
