package dev.mcpload.cli;

import dev.mcpload.transport.TransportKind;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How to reach the server, the flags {@code run} and {@code init} share: {@code --transport}, {@code --command}
 * and {@code -H}. The URL stays with each command, where it means different things without it (the embedded
 * server for {@code run}, a template for {@code init}); {@code serve} listens and reaches nothing. Auth and TLS
 * flags belong here.
 *
 * <p>The descriptions here are {@code run}'s; a command may word them its own way by naming a resource bundle
 * with the {@code descriptionKey}s (as {@link InitHelp} does).
 */
final class ConnectionOptions {
    @Option(names = "--transport", paramLabel = "KIND", defaultValue = "auto", descriptionKey = "transport",
            description = "auto (default), http (Streamable HTTP), sse (legacy HTTP+SSE) or stdio.")
    String transport;

    @Option(names = "--command", paramLabel = "CMD", descriptionKey = "command",
            description = "Server command line, started once per session (stdio; implies --transport stdio).")
    String command;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", descriptionKey = "header",
            description = "Extra HTTP header, repeatable; $${VAR} takes the value from the environment.")
    List<String> headers;

    /** The transport these flags and {@code url} ask for; a usage error for combinations that ignore one. */
    TransportKind kind(String url) {
        return TransportFlags.resolve(transport, command, url);
    }

    /** The server command line, which stdio cannot do without. */
    String requireCommand() {
        return TransportFlags.requireCommand(command);
    }

    /** The {@code -H} headers, {@code ${VAR}} expanded from {@code env}, checked. */
    Map<String, String> headers(Map<String, String> env) {
        return HeaderOptions.parse(headers, env);
    }
}
