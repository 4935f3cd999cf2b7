package dev.mcpload.server.fault;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;

/**
 * Faults of the answer: HTTP 200 (as JSON or SSE, whichever the client gets), but what it carries is wrong —
 * an error, a failed tool, broken or foreign JSON, the wrong shape, the wrong content type, too many bytes.
 */
final class AnswerFaults {
    private static final int FILLER_BYTES = 64 * 1024;
    /** Shared by every oversized answer; unreleasable, so handing out duplicates of it costs no copies. */
    private static final ByteBuf FILLER = filler();

    private AnswerFaults() {
    }

    /** A JSON-RPC error response with {@code code} (default -32603, internal error). */
    static Fault jsonRpcError(String param) {
        int code = param == null ? -32603 : FaultParams.integer(param, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return (x, next) -> x.answer(StatusFaults.utf8("{\"jsonrpc\":\"2.0\",\"id\":" + x.id()
                + ",\"error\":{\"code\":" + code + ",\"message\":\"fault injected (mcpload serve --fault)\"}}"));
    }

    /** A tools/call result with {@code isError: true}: the server worked, the tool failed. Other methods pass. */
    static Fault toolError(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            if (!"tools/call".equals(x.method())) {
                next.run();
                return;
            }
            x.answer(StatusFaults.utf8(result(x, "{\"content\":[{\"type\":\"text\",\"text\":"
                    + "\"the tool failed (mcpload serve --fault)\"}],\"isError\":true}")));
        };
    }

    /** The answer cut off in the middle of its JSON. */
    static Fault malformedJson(String param) {
        FaultParams.none(param);
        return (x, next) -> x.answer(StatusFaults.utf8("{\"jsonrpc\":\"2.0\",\"id\":" + x.id() + ",\"result\":{\"con"));
    }

    /** A well-formed response to another request's id. */
    static Fault wrongId(String param) {
        FaultParams.none(param);
        return (x, next) -> {
            String other = x.id().isIntegralNumber() ? Long.toString(x.id().asLong() + 1_000_000)
                    : "\"not-" + x.id().asString() + "\"";
            x.answer(StatusFaults.utf8("{\"jsonrpc\":\"2.0\",\"id\":" + other + ",\"result\":{\"content\":[]}}"));
        };
    }

    /** A result object without what the operation requires (content, contents, messages). */
    static Fault wrongShape(String param) {
        FaultParams.none(param);
        return (x, next) -> x.answer(StatusFaults.utf8(result(x, "{\"value\":5}")));
    }

    /** HTTP 200 with an HTML page (a login page, a proxy's error page) instead of JSON-RPC. */
    static Fault wrongContentType(String param) {
        FaultParams.none(param);
        return (x, next) -> x.respond(HttpResponseStatus.OK, "text/html; charset=utf-8",
                StatusFaults.utf8("<html><body>Please log in (mcpload serve --fault)</body></html>"));
    }

    /** A valid answer of {@code size} bytes (default 8m, twice mcpload's default max_message_bytes). */
    static Fault oversized(String param) {
        long size = param == null ? 8L * 1024 * 1024 : FaultParams.bytes(param);
        return (x, next) -> x.answer(padded(x, size));
    }

    private static String result(FaultExchange x, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + x.id() + ",\"result\":" + result + "}";
    }

    /** {@code {"jsonrpc":"2.0","id":ID,"result":{"content":[],"pad":"xxx…"}}}, about {@code size} bytes. */
    private static ByteBuf padded(FaultExchange x, long size) {
        ByteBuf head = StatusFaults.utf8("{\"jsonrpc\":\"2.0\",\"id\":" + x.id()
                + ",\"result\":{\"content\":[],\"pad\":\"");
        ByteBuf tail = StatusFaults.utf8("\"}}");
        int chunks = (int) Math.max(1, (size - head.readableBytes() - tail.readableBytes()) / FILLER_BYTES);
        CompositeByteBuf body = Unpooled.compositeBuffer(chunks + 2);
        body.addComponent(true, head);
        for (int i = 0; i < chunks; i++) {
            body.addComponent(true, FILLER.duplicate());
        }
        body.addComponent(true, tail);
        return body;
    }

    private static ByteBuf filler() {
        byte[] x = new byte[FILLER_BYTES];
        Arrays.fill(x, (byte) 'x');
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(x));
    }
}
