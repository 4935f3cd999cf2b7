package dev.mcpload.transport;

import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.ProtocolVersions;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a session needs to reach its server. Immutable; one instance is shared by all sessions of a run.
 *
 * @param url              server URL (HTTP transports); null for stdio
 * @param command          command line of the server process (stdio); empty otherwise
 * @param headers          extra HTTP headers on every request (e.g. Authorization); never logged
 * @param transport        which transport
 * @param era              which era to speak: {@code AUTO} detects it (modern first, as the spec's dual-era
 *                         client does), {@code MODERN} and {@code LEGACY} pin it
 * @param protocolVersion  the version spoken: in the legacy era the one offered in initialize, in the modern era
 *                         the one on every request (default: the newest of the era; with {@code AUTO}, the
 *                         legacy version offered when detection falls back)
 * @param connectTimeoutMs TCP connect deadline
 * @param requestTimeoutMs default per-request deadline
 * @param ioThreads        event loop threads for all sessions (0 = number of cores)
 * @param maxMessageBytes  the largest response body or SSE event accepted; a larger one fails its request as
 *                         {@code protocol} as soon as the limit is passed, without reading the rest, so memory
 *                         stays below VUs × this (about 3× per VU with SSE: line, event and a JSON body)
 * @param standaloneStream  Streamable HTTP only: after {@code notifications/initialized}, hold the standalone GET
 *                          event stream open for the session's life, as the official SDK clients do, so a session
 *                          costs the server the connections a real client costs it (a server without one, 405,
 *                          is remembered and not asked again)
 * @param clientCapabilities the client features declared in initialize; server requests for them get a canned
 *                          answer, requests for the others JSON-RPC error -32601
 * @param inputAnswers      what the client answers when a 2026-07-28 server returns {@code input_required}
 *                          ({@code [inputs]}; {@link InputAnswers#NONE}: nothing, the request stays input_required)
 */
public record ClientOptions(URI url, List<String> command, Map<String, String> headers, TransportKind transport,
                            ProtocolEra era, String protocolVersion, int connectTimeoutMs, int requestTimeoutMs, int ioThreads,
                            int maxMessageBytes, boolean standaloneStream, Set<ClientCapability> clientCapabilities,
                            InputAnswers inputAnswers) {
    /** 4 MiB: far above what MCP tools answer, low enough that 1,000 VUs stay within a few GB at worst. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    public ClientOptions {
        command = command == null ? List.of() : List.copyOf(command);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        transport = transport == null ? TransportKind.AUTO : transport;
        era = era == null ? ProtocolEra.AUTO : era;
        if (protocolVersion == null) {
            protocolVersion = era == ProtocolEra.MODERN ? ProtocolVersions.MODERN.get(0) : ProtocolVersions.LATEST;
        }
        if (era != ProtocolEra.AUTO && ProtocolEra.of(protocolVersion) != null && ProtocolEra.of(protocolVersion) != era) {
            throw new IllegalArgumentException("protocol version " + protocolVersion + " is not of the " + era.label()
                    + " era");
        }
        inputAnswers = inputAnswers == null ? InputAnswers.NONE : inputAnswers;
        clientCapabilities = clientCapabilities == null || clientCapabilities.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(clientCapabilities)); // ordered: stable JSON
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        if (transport == TransportKind.STDIO && command.isEmpty()) {
            throw new IllegalArgumentException("the stdio transport needs a command to start the server");
        }
        if (transport != TransportKind.STDIO && url == null) {
            throw new IllegalArgumentException("an HTTP transport needs a server URL");
        }
    }

    public static ClientOptions http(String url) {
        return new ClientOptions(URI.create(url), List.of(), Map.of(), TransportKind.AUTO, ProtocolEra.AUTO, null,
                5_000, 10_000, 0,
                DEFAULT_MAX_MESSAGE_BYTES, true, Set.of(), InputAnswers.NONE);
    }

    public static ClientOptions stdio(List<String> command) {
        return new ClientOptions(null, command, Map.of(), TransportKind.STDIO, ProtocolEra.AUTO, null,
                5_000, 10_000, 0,
                DEFAULT_MAX_MESSAGE_BYTES, true, Set.of(), InputAnswers.NONE);
    }

    public ClientOptions withTransport(TransportKind kind) {
        return with(c -> c.transport = kind);
    }

    public ClientOptions withHeaders(Map<String, String> newHeaders) {
        return with(c -> c.headers = newHeaders);
    }

    public ClientOptions withProtocolVersion(String version) {
        ProtocolEra pinned = ProtocolEra.of(version) == null ? era : ProtocolEra.of(version); // a version pins its era
        return with(c -> {
            c.era = pinned;
            c.protocolVersion = version;
        });
    }

    /** Pins the era (the version stays the era's default unless {@link #withProtocolVersion} names one). */
    public ClientOptions withEra(ProtocolEra newEra) {
        String version = ProtocolEra.of(protocolVersion) == newEra || newEra == ProtocolEra.AUTO ? protocolVersion : null;
        return with(c -> {
            c.era = newEra;
            c.protocolVersion = version;
        });
    }

    /** The modern version this client speaks when it speaks the modern era (pinned or detected). */
    public String modernVersion() {
        return ProtocolVersions.isModern(protocolVersion) ? protocolVersion : ProtocolVersions.MODERN.get(0);
    }

    /** The legacy version offered in initialize when this client speaks the legacy era (pinned or detected). */
    public String legacyVersion() {
        return ProtocolVersions.isSupported(protocolVersion) ? protocolVersion : ProtocolVersions.LATEST;
    }

    public ClientOptions withRequestTimeoutMs(int ms) {
        return with(c -> c.requestTimeoutMs = ms);
    }

    public ClientOptions withIoThreads(int n) {
        return with(c -> c.ioThreads = n);
    }

    public ClientOptions withMaxMessageBytes(int bytes) {
        return with(c -> c.maxMessageBytes = bytes);
    }

    /** Whether a Streamable HTTP session opens the standalone GET event stream (default true). */
    public ClientOptions withStandaloneStream(boolean open) {
        return with(c -> c.standaloneStream = open);
    }

    /** The client features declared in initialize and answered when the server asks (default none). */
    public ClientOptions withClientCapabilities(Set<ClientCapability> capabilities) {
        return with(c -> c.clientCapabilities = capabilities);
    }

    /** The answers to a modern server's input requests (default none: input_required is counted, not answered). */
    public ClientOptions withInputAnswers(InputAnswers answers) {
        return with(c -> c.inputAnswers = answers);
    }

    /** These options with {@code change} applied to a copy of their fields (checked again by the constructor). */
    private ClientOptions with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.options();
    }

    /** The fields of a ClientOptions, to change a few: each wither names only what it changes. */
    private static final class Fields {
        URI url;
        List<String> command;
        Map<String, String> headers;
        TransportKind transport;
        ProtocolEra era;
        String protocolVersion;
        int connectTimeoutMs;
        int requestTimeoutMs;
        int ioThreads;
        int maxMessageBytes;
        boolean standaloneStream;
        Set<ClientCapability> clientCapabilities;
        InputAnswers inputAnswers;

        Fields(ClientOptions o) {
            url = o.url;
            command = o.command;
            headers = o.headers;
            transport = o.transport;
            era = o.era;
            protocolVersion = o.protocolVersion;
            connectTimeoutMs = o.connectTimeoutMs;
            requestTimeoutMs = o.requestTimeoutMs;
            ioThreads = o.ioThreads;
            maxMessageBytes = o.maxMessageBytes;
            standaloneStream = o.standaloneStream;
            clientCapabilities = o.clientCapabilities;
            inputAnswers = o.inputAnswers;
        }

        ClientOptions options() {
            return new ClientOptions(url, command, headers, transport, era, protocolVersion, connectTimeoutMs,
                    requestTimeoutMs, ioThreads, maxMessageBytes, standaloneStream, clientCapabilities, inputAnswers);
        }
    }

    /** What to call the target in messages and reports: the URL, or the command (never header values). */
    public String targetLabel() {
        return url != null ? url.toString() : String.join(" ", command);
    }
}
