package dev.mcpload.bench;

import java.nio.charset.StandardCharsets;

/** What the reference server really sends for {@code tools/call add {a: 42, b: 17}} (captured with curl). */
final class Payloads {
    /** The JSON reply body (ResponseMode.JSON). */
    static final byte[] ADD_RESPONSE = ("{\"jsonrpc\":\"2.0\",\"id\":12345,\"result\":{\"content\":[{\"type\":\"text\","
            + "\"text\":\"{\\\"result\\\":59}\"}],\"structuredContent\":{\"result\":59}}}")
            .getBytes(StandardCharsets.UTF_8);

    /** The same reply as one SSE event (ResponseMode.SSE). */
    static final byte[] ADD_RESPONSE_SSE = ("event: message\ndata: " + new String(ADD_RESPONSE, StandardCharsets.UTF_8)
            + "\n\n").getBytes(StandardCharsets.UTF_8);

    private Payloads() {
    }
}
