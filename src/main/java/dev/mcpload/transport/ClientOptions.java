package dev.mcpload.transport;

import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.ProtocolVersions;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return new ClientOptions(url, command, headers, kind, era, protocolVersion, connectTimeoutMs, requestTimeoutMs,
                ioThreads, maxMessageBytes, standaloneStream,
                clientCapabilities, inputAnswers);
    }

    public ClientOptions withHeaders(Map<String, String> newHeaders) {
        return new ClientOptions(url, command, newHeaders, transport, era, protocolVersion, connectTimeoutMs,
                requestTimeoutMs, ioThreads, maxMessageBytes, standaloneStream,
                clientCapabilities, inputAnswers);
    }

    public ClientOptions withProtocolVersion(String version) {
        ProtocolEra pinned = ProtocolEra.of(version) == null ? era : ProtocolEra.of(version); // a version pins its era
        return new ClientOptions(url, command, headers, transport, pinned, version, connectTimeoutMs, requestTimeoutMs,
                ioThreads, maxMessageBytes, standaloneStream,
                clientCapabilities, inputAnswers);
    }

    /** Pins the era (the version stays the era's default unless {@link #withProtocolVersion} names one). */
    public ClientOptions withEra(ProtocolEra newEra) {
        String version = ProtocolEra.of(protocolVersion) == newEra || newEra == ProtocolEra.AUTO ? protocolVersion : null;
        return new ClientOptions(url, command, headers, transport, newEra, version, connectTimeoutMs,
                requestTimeoutMs, ioThreads, maxMessageBytes, standaloneStream, clientCapabilities, inputAnswers);
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
        return new ClientOptions(url, command, headers, transport, era, protocolVersion, connectTimeoutMs, ms, ioThreads,
                maxMessageBytes, standaloneStream,
                clientCapabilities, inputAnswers);
    }

    public ClientOptions withIoThreads(int n) {
        return new ClientOptions(url, command, headers, transport, era, protocolVersion, connectTimeoutMs,
                requestTimeoutMs, n, maxMessageBytes, standaloneStream,
                clientCapabilities, inputAnswers);
    }

    public ClientOptions withMaxMessageBytes(int bytes) {
        return new ClientOptions(url, command, headers, transport, era, protocolVersion, connectTimeoutMs,
                requestTimeoutMs, ioThreads, bytes, standaloneStream,
                clientCapabilities, inputAnswers);
    }

    /** Whether a Streamable HTTP session opens the standalone GET event stream (default true). */
    public ClientOptions withStandaloneStream(boolean open) {
        return new ClientOptions(url, command, headers, transport, era, protocolVersion, connectTimeoutMs,
                requestTimeoutMs, ioThreads, maxMessageBytes, open, clientCapabilities, inputAnswers);
    }

    /** The client features declared in initialize and answered when the server asks (default none). */
    public ClientOptions withClientCapabilities(Set<ClientCapability> capabilities) {
        return new ClientOptions(url, command, headers, transport, era, protocolVersion, connectTimeoutMs,
                requestTimeoutMs, ioThreads, maxMessageBytes, standaloneStream, capabilities, inputAnswers);
    }

    /** The answers to a modern server's input requests (default none: input_required is counted, not answered). */
    public ClientOptions withInputAnswers(InputAnswers answers) {
        return new ClientOptions(url, command, headers, transport, era, protocolVersion, connectTimeoutMs,
                requestTimeoutMs, ioThreads, maxMessageBytes, standaloneStream, clientCapabilities, answers);
    }

    /** What to call the target in messages and reports: the URL, or the command (never header values). */
    public String targetLabel() {
        return url != null ? url.toString() : String.join(" ", command);
    }
}
