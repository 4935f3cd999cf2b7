package dev.mcpload.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canned answers a client gives when a server asks it for input ({@code [inputs]}): in the 2026-07-28 era,
 * the {@code inputRequests} of an {@code input_required} result (spec, basic/patterns: multi round-trip
 * requests), which the client answers by sending the request again with {@code inputResponses} (the bare results,
 * under the server's own keys) and the server's {@code requestState}, byte for byte. Keyed by the method asked
 * for: {@code elicitation/create} (an ElicitResult), {@code sampling/createMessage} (a CreateMessageResult),
 * {@code roots/list} (a ListRootsResult). Immutable; one per run.
 *
 * @param byMethod      the answer to each method, as the result the client would send
 * @param maxRoundTrips the most round trips one request may take (the first included); a server still asking
 *                      after that leaves the request {@code input_required}
 */
public record InputAnswers(Map<String, JsonNode> byMethod, int maxRoundTrips) {
    public static final int DEFAULT_MAX_ROUND_TRIPS = 4;
    /** No answers: every {@code input_required} result is counted as such, never answered. */
    public static final InputAnswers NONE = new InputAnswers(Map.of(), DEFAULT_MAX_ROUND_TRIPS);

    /** The {@code [inputs]} key of each method's answer: the client capability it needs. */
    public static final Map<String, String> KEY_OF_METHOD = Map.of(McpMethods.ELICITATION_CREATE, "elicitation",
            McpMethods.SAMPLING_CREATE_MESSAGE, "sampling", McpMethods.ROOTS_LIST, "roots");

    public InputAnswers {
        byMethod = Map.copyOf(byMethod);
        if (maxRoundTrips < 2) {
            throw new IllegalArgumentException("max_round_trips must be at least 2 (the request and one answer)");
        }
    }

    public boolean isEmpty() {
        return byMethod.isEmpty();
    }

    /** The client capabilities these answers need declared ({@code elicitation}, {@code sampling}, {@code roots}). */
    public Set<String> capabilities() {
        Set<String> caps = new java.util.TreeSet<>();
        byMethod.keySet().forEach(m -> caps.add(KEY_OF_METHOD.get(m)));
        return caps;
    }

    /**
     * The request that answers {@code inputRequired} (the result of sending {@code original}): the same method and
     * params, with {@code inputResponses} and the server's {@code requestState}; or null when one of the server's
     * input requests asks for a method these answers do not cover (the request then stays input_required).
     */
    public RequestTemplate answer(RequestTemplate original, JsonNode inputRequired) {
        Map<String, JsonNode> responses = new LinkedHashMap<>();
        JsonNode requests = inputRequired.path("inputRequests");
        for (Map.Entry<String, JsonNode> e : requests.properties()) {
            JsonNode answer = byMethod.get(e.getValue().path("method").asString(""));
            if (answer == null) {
                return null;
            }
            responses.put(e.getKey(), answer);
        }
        ObjectNode params = original.params() instanceof ObjectNode p ? p.deepCopy() : Json.object();
        params.remove("inputResponses");
        params.remove("requestState");
        if (!responses.isEmpty()) {
            ObjectNode out = params.putObject("inputResponses");
            responses.forEach(out::set);
        }
        JsonNode state = inputRequired.get("requestState");
        if (state != null && !state.isNull()) {
            params.set("requestState", state); // echoed as the server sent it; absent when it sent none
        }
        return RequestTemplate.of(original.method(), params);
    }
}
