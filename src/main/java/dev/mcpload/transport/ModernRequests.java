package dev.mcpload.transport;

import dev.mcpload.protocol.ErrorClass;
import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.InputAnswers;
import dev.mcpload.protocol.McpException;
import dev.mcpload.protocol.McpRequests;
import dev.mcpload.protocol.ModernEnvelope;
import dev.mcpload.protocol.ModernErrors;
import dev.mcpload.protocol.RequestEncoder;
import dev.mcpload.protocol.RequestTemplate;
import dev.mcpload.protocol.Snippets;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * What a 2026-07-28 client does the same way on every transport (Streamable HTTP, stdio): the first contact
 * ({@code server/discover}, retried once on an unsupported-version answer that lists this client's version), the
 * discover result read as the era's "initialize result", and requests sent in the modern form with their
 * {@code input_required} round trips answered from {@code [inputs]}. The transport only sends one request.
 */
public final class ModernRequests {
    /** How a session sends one request as is (its own {@code AbstractMcpSession.request}). */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<IncomingMessage> send(RequestEncoder request, long timeoutMillis);
    }

    private ModernRequests() {
    }

    /**
     * {@code server/discover} instead of the handshake. An unsupported-version answer (-32022) that lists this
     * client's version anyway gets the spec's retry (versioning: negotiation), once; any other failure stands.
     */
    public static CompletableFuture<IncomingMessage> discover(Sender send, ModernEnvelope envelope, long timeoutMs) {
        RequestEncoder discover = McpRequests.DISCOVER.modern(envelope);
        return send.send(discover, timeoutMs).handle((m, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(m);
            }
            McpException e = McpException.classify(error);
            if (e.errorClass() == ErrorClass.JSONRPC && e.jsonRpcCode() == ModernErrors.UNSUPPORTED_PROTOCOL_VERSION
                    && e.supportedVersions().contains(envelope.version())) {
                return send.send(discover, timeoutMs);
            }
            return CompletableFuture.<IncomingMessage>failedFuture(e);
        }).thenCompose(f -> f);
    }

    /** The discover result as what a session learns at first contact; a result that is not one fails, saying why. */
    public static InitializeResult acceptDiscover(IncomingMessage response, ModernEnvelope envelope, String target,
                                                  TransportKind transport) {
        JsonNode result = response.result();
        JsonNode versions = result.path("supportedVersions");
        if (!versions.isArray()) {
            throw new NotADiscoverResult(target + " answered server/discover without a supportedVersions list: "
                    + Snippets.of(response.bytes()));
        }
        boolean listed = false;
        for (JsonNode v : versions) {
            listed |= envelope.version().equals(v.asString(""));
        }
        if (!listed) {
            throw new McpException(ErrorClass.PROTOCOL, target + " answered server/discover without "
                    + envelope.version() + " in supportedVersions: " + Snippets.of(response.bytes()));
        }
        JsonNode info = result.path("_meta").path(ModernEnvelope.SERVER_INFO_KEY);
        return new InitializeResult(envelope.version(), info.path("name").asString(""),
                info.path("version").asString(""), result.path("capabilities"), null, transport,
                Math.max(0, result.path("ttlMs").asLong(0)));
    }

    /**
     * A request in the modern form; the wrapping is made once per template and kept there. With answers
     * configured ({@code [inputs]}), an {@code input_required} result is answered by sending the request again
     * with them, each round trip with its own deadline, up to {@link InputAnswers#maxRoundTrips()}; the caller gets
     * the last answer, marked with the round trips before it. Without answers, or when the server asks for
     * something they do not cover, the input_required result itself is the answer.
     */
    public static CompletableFuture<IncomingMessage> request(RequestEncoder request, long timeoutMillis,
                                                             ModernEnvelope envelope, InputAnswers answers,
                                                             Sender send) {
        if (!(request instanceof RequestTemplate template)) {
            throw new IllegalArgumentException("a modern session sends request templates, got " + request);
        }
        CompletableFuture<IncomingMessage> first = send.send(template.modern(envelope), timeoutMillis);
        return answers.isEmpty() ? first
                : first.thenCompose(m -> answered(template, m, 1, envelope, answers, timeoutMillis, send));
    }

    private static CompletableFuture<IncomingMessage> answered(RequestTemplate sent, IncomingMessage m, int roundTrips,
                                                               ModernEnvelope envelope, InputAnswers answers,
                                                               long timeoutMillis, Sender send) {
        if (!m.isInputRequired() || roundTrips >= answers.maxRoundTrips()) {
            return CompletableFuture.completedFuture(m.afterRoundTrips(roundTrips - 1));
        }
        RequestTemplate again = answers.answer(sent, m.result());
        if (again == null) {
            return CompletableFuture.completedFuture(m.afterRoundTrips(roundTrips - 1));
        }
        return send.send(again.modern(envelope), timeoutMillis)
                .thenCompose(next -> answered(again, next, roundTrips + 1, envelope, answers, timeoutMillis, send));
    }
}
