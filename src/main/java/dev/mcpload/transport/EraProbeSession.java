package dev.mcpload.transport;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.ModernErrors;
import dev.mcpload.protocol.ProtocolEra;
import dev.mcpload.protocol.ProtocolVersions;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * A dual-era client's first contact, as the spec describes it (2026-07-28, Streamable HTTP: backward
 * compatibility): a modern request first ({@code server/discover}); if it succeeds, or fails with an error only a
 * modern server gives (-32020, -32021, -32022, or -32601 with 404), the server is modern. Anything else (a 4xx
 * without a modern error body, a JSON-RPC error of the older revisions, a 200 that is not a discover result)
 * means a legacy server: {@code initialize}
 * follows, over Streamable HTTP and then, where the transport is not pinned, legacy HTTP+SSE. Connection
 * failures and 5xx are the server's answer, not its era: they fail the session without a fallback.
 *
 * <p>The first session that settles the era settles it for the whole client ({@link McpClient#resolveEra}), so
 * later sessions skip the probe: the era is a property of the server, not of a session.
 */
public final class EraProbeSession extends FallbackSession {
    private final McpClient client;
    private final EventLoop loop;
    private final SessionListener listener;

    EraProbeSession(McpClient client, EventLoop loop, SessionListener listener) {
        super(client.newSessionOfEra(ProtocolEra.MODERN, loop, listener));
        this.client = client;
        this.loop = loop;
        this.listener = listener;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize() {
        McpSession modern = delegate;
        return modern.initialize().handle((result, error) -> {
            if (error == null) {
                client.resolveEra(ProtocolEra.MODERN);
                return CompletableFuture.completedFuture(result);
            }
            McpException e = McpException.classify(error);
            if (!pointsToLegacy(e)) {
                return CompletableFuture.<InitializeResult>failedFuture(modernFailure(e));
            }
            modern.close();
            McpSession legacy = client.newSessionOfEra(ProtocolEra.LEGACY, loop, listener);
            delegate = legacy;
            return legacy.initialize().handle((r, e2) -> {
                if (e2 == null) {
                    client.resolveEra(ProtocolEra.LEGACY);
                    return r;
                }
                throw withModernAnswer(McpException.classify(e2), e);
            });
        }).thenCompose(f -> f);
    }

    /**
     * Whether the modern request's failure says "legacy server": an HTTP 400/404/405 without a modern error body,
     * any JSON-RPC error a modern server would not give, or an unsupported-version error that names only legacy
     * versions (a server that speaks modern versions mcpload does not knows no better answer for it either).
     */
    public static boolean pointsToLegacy(McpException e) {
        if (e instanceof NotADiscoverResult) {
            return true;
        }
        if (e.errorClass() == ErrorClass.HTTP) {
            return e.refusedAsUnknown();
        }
        if (e.errorClass() != ErrorClass.JSONRPC) {
            return false;
        }
        if (!ModernErrors.recognised(e.jsonRpcCode(), e.httpStatus())) {
            return true;
        }
        return e.jsonRpcCode() == ModernErrors.UNSUPPORTED_PROTOCOL_VERSION
                && e.supportedVersions().stream().noneMatch(ProtocolVersions::isModern)
                && e.supportedVersions().stream().anyMatch(ProtocolVersions::isSupported);
    }

    /** The legacy attempt's failure (its class and status kept: it is what the URL said), naming the modern answer. */
    private static McpException withModernAnswer(McpException legacy, McpException modern) {
        String message = legacy.getMessage() + " (before that, the modern request: " + modern.getMessage() + ")";
        return switch (legacy.errorClass()) {
            case HTTP -> McpException.http(legacy.httpStatus(), message, legacy.retryAfterMs());
            case JSONRPC -> McpException.jsonRpc(legacy.jsonRpcCode(), message, legacy.httpStatus(),
                    legacy.supportedVersions());
            default -> new McpException(legacy.errorClass(), message);
        };
    }

    /** A modern server that refused: say so, with what it supports when it said. */
    private static McpException modernFailure(McpException e) {
        if (e.errorClass() != ErrorClass.JSONRPC || e.jsonRpcCode() != ModernErrors.UNSUPPORTED_PROTOCOL_VERSION) {
            return e;
        }
        String supported = String.join(", ", e.supportedVersions());
        String why = e.supportedVersions().stream().anyMatch(ProtocolVersions::isModern)
                // it listed a modern version mcpload speaks and refused it again (the session retried once)
                ? ": the server refused " + supported + " although it lists it (retried once)"
                : ": the server speaks " + supported + ", mcpload " + String.join(", ", ProtocolVersions.all());
        return McpException.jsonRpc(e.jsonRpcCode(), e.getMessage() + why, e.httpStatus(), e.supportedVersions());
    }
}
