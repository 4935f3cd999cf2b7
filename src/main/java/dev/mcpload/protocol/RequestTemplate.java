package dev.mcpload.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC request encoded once, with only its id written per send: the constant {@link RequestEncoder} and the
 * hot path. A scenario step becomes one template at plan time, so a send copies two byte arrays and a few digits
 * instead of serialising JSON. Same bytes for every VU, no headers of its own (the 2025 era).
 */
public final class RequestTemplate implements RequestEncoder {
    private static final byte[] SUFFIX = "}".getBytes(StandardCharsets.US_ASCII);

    private final String method;
    private final JsonNode params;
    private final byte[] prefix;
    /** This request in the modern era's form, made on first use: one per template and client envelope. */
    private volatile ModernRequest modern;

    private RequestTemplate(String method, JsonNode params) {
        this.method = method;
        this.params = params;
        ObjectNode head = Json.object();
        head.put("jsonrpc", "2.0");
        head.put("method", method);
        if (params != null) {
            head.set("params", params);
        }
        byte[] json = Json.bytes(head);
        // Drop the closing brace and append ',"id":' so the id can follow; the message ends with SUFFIX.
        byte[] idKey = ",\"id\":".getBytes(StandardCharsets.US_ASCII);
        this.prefix = Arrays.copyOf(json, json.length - 1 + idKey.length);
        System.arraycopy(idKey, 0, prefix, json.length - 1, idKey.length);
    }

    public static RequestTemplate of(String method, JsonNode params) {
        return new RequestTemplate(method, params);
    }

    public static RequestTemplate of(String method) {
        return new RequestTemplate(method, null);
    }

    /**
     * This request as the modern era (2026-07-28) sends it, wrapped in {@code envelope}: made once and kept, so a
     * modern send costs what a 2025 one does. A run has one envelope; another envelope makes (and keeps) another.
     */
    public ModernRequest modern(ModernEnvelope envelope) {
        ModernRequest m = modern;
        if (m == null || m.envelope() != envelope) {
            m = new ModernRequest(this, envelope);
            modern = m;
        }
        return m;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<Header> headers() {
        return NO_HEADERS;
    }

    /** The params as given (may be null); read-only by convention. */
    public JsonNode params() {
        return params;
    }

    @Override
    public void writeTo(ByteBuf buf, long id) {
        buf.writeBytes(prefix);
        writeDigits(buf, id);
        buf.writeBytes(SUFFIX);
    }

    @Override
    public int encodedLengthUpperBound() {
        return prefix.length + 20 + SUFFIX.length;
    }

    @Override
    public byte[] toBytes(long id) {
        String digits = Long.toString(id);
        byte[] out = Arrays.copyOf(prefix, prefix.length + digits.length() + SUFFIX.length);
        for (int i = 0; i < digits.length(); i++) {
            out[prefix.length + i] = (byte) digits.charAt(i);
        }
        out[out.length - 1] = SUFFIX[0];
        return out;
    }

    private static void writeDigits(ByteBuf buf, long id) {
        if (id < 0) {
            buf.writeByte('-');
            id = -id;
        }
        if (id < 10) {
            buf.writeByte((int) ('0' + id));
            return;
        }
        long div = 1;
        while (id / div >= 10) {
            div *= 10;
        }
        while (div > 0) {
            buf.writeByte((int) ('0' + (id / div) % 10));
            div /= 10;
        }
    }
}
