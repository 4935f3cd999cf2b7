package dev.mcpload.cli;

import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.ProtocolVersions;
import dev.mcpload.transport.ClientOptions;
import dev.mcpload.transport.TransportKind;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How to reach the server, the flags {@code run}, {@code ceiling} and {@code init} share: {@code --transport},
 * {@code --command}, {@code -H} and the protocol era and version. The URL stays with each command, where it means different things without it (the embedded
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

    @Option(names = "--protocol-era", paramLabel = "ERA", defaultValue = "auto", descriptionKey = "protocol-era",
            description = "auto (default: a modern request first, initialize when the server is of the 2025/2024"
                    + " era), modern (2026-07-28, stateless) or legacy (initialize and a session).")
    String protocolEra;

    @Option(names = "--protocol-version", paramLabel = "VERSION", descriptionKey = "protocol-version",
            description = "Pins the version, and with it the era: 2026-07-28 (server/discover first, _meta and"
                    + " Mcp-Method/Mcp-Name on every request, no session), or a 2025/2024 one offered in initialize.")
    String protocolVersion;

    /** {@code options} with the era and version these flags pin (checked as {@link #pinnedEra} does). */
    ClientOptions applyProtocol(ClientOptions options, TransportKind kind) {
        ClientOptions pinned = options.withEra(pinnedEra(kind));
        return protocolVersion != null ? pinned.withProtocolVersion(protocolVersion) : pinned;
    }

    /**
     * The era these flags pin ({@code AUTO} when they pin none); a usage error for a version mcpload does not
     * speak, an era that contradicts the version, or the modern era over a transport that has none here.
     */
    ProtocolEra pinnedEra(TransportKind kind) {
        ProtocolEra era = ProtocolEra.parse(protocolEra);
        if (era == null) {
            throw new UserError("--protocol-era '" + protocolEra + "' is not an era: use auto, modern or legacy");
        }
        ProtocolEra versionEra = null;
        if (protocolVersion != null) {
            versionEra = ProtocolEra.of(protocolVersion);
            if (versionEra == null) {
                throw new UserError("--protocol-version '" + protocolVersion + "' is not a version mcpload speaks:"
                        + " use " + String.join(", ", ProtocolVersions.all()) + " (default: detected, "
                        + ProtocolVersions.MODERN.get(0) + " first, else " + ProtocolVersions.LATEST + ")");
            }
            if (era != ProtocolEra.AUTO && era != versionEra) {
                throw new UserError("--protocol-version " + protocolVersion + " is of the " + versionEra.label()
                        + " era, and --protocol-era is " + era.label() + ": drop one of them");
            }
        }
        ProtocolEra pinned = versionEra != null ? versionEra : era;
        if (pinned == ProtocolEra.MODERN && kind == TransportKind.SSE) {
            throw new UserError((protocolVersion != null ? "--protocol-version " + protocolVersion
                    : "--protocol-era modern") + " has no HTTP+SSE transport (deprecated since 2025-03-26), and"
                    + " --transport is sse: drop one of them");
        }
        return pinned;
    }

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
