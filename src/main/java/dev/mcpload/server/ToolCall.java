package dev.mcpload.server;

import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One running {@code tools/call}: how a tool reports progress and delivers its result, now or later. */
final class ToolCall {
    private final JsonNode requestId;
    private final JsonNode progressToken;
    private final Exchange exchange;
    private final Runnable onDone;
    /** The server's identity for a modern (2026-07-28) result, which also gets resultType; null: 2025 era. */
    private final ObjectNode modernMeta;

    /** @param onDone run once when the result is sent (frees a concurrency slot), or null */
    ToolCall(JsonNode requestId, JsonNode progressToken, Exchange exchange, Runnable onDone) {
        this(requestId, progressToken, exchange, onDone, null);
    }

    ToolCall(JsonNode requestId, JsonNode progressToken, Exchange exchange, Runnable onDone, ObjectNode modernMeta) {
        this.requestId = requestId;
        this.progressToken = progressToken;
        this.exchange = exchange;
        this.onDone = onDone;
        this.modernMeta = modernMeta;
    }

    /** Sends {@code notifications/progress} if the client asked for it and the transport can carry it. */
    void progress(long progress, long total, String message) {
        if (progressToken == null || !exchange.canNotify()) {
            return;
        }
        ObjectNode params = JsonRpc.object();
        params.set("progressToken", progressToken);
        params.put("progress", progress);
        params.put("total", total);
        params.put("message", message);
        exchange.notify(JsonRpc.notification("notifications/progress", params));
    }

    void complete(ObjectNode result) {
        if (modernMeta != null) {
            Modern.complete(result, modernMeta);
        }
        exchange.respond(JsonRpc.result(requestId, result));
        if (onDone != null) {
            onDone.run();
        }
    }

    /** Runs {@code task} after {@code delayMillis} without holding any thread meanwhile. */
    void schedule(Runnable task, long delayMillis) {
        exchange.scheduler().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }
}
