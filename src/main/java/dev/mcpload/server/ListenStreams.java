package dev.mcpload.server;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open {@code subscriptions/listen} streams of the modern era (2026-07-28, basic/patterns/subscriptions): a
 * long-lived SSE response per listening client that starts with {@code notifications/subscriptions/acknowledged}
 * (naming the filter honoured) and then carries only the notification types the client asked for, each with the
 * subscription's id in {@code _meta}. It ends when the client closes it. The modern equivalent of the 2025 era's
 * standalone GET stream; {@link ReferenceServer#sendOnListenStreams} lets a test be the server with news.
 */
final class ListenStreams {
    static final String METHOD = "subscriptions/listen";
    static final String ACKNOWLEDGED = "notifications/subscriptions/acknowledged";
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
    /** The filter's flags and the notification each one subscribes to. */
    private static final Map<String, String> LIST_CHANGED = Map.of(
            "toolsListChanged", "notifications/tools/list_changed",
            "promptsListChanged", "notifications/prompts/list_changed",
            "resourcesListChanged", "notifications/resources/list_changed");
    private static final String RESOURCE_UPDATED = "notifications/resources/updated";

    private record Listen(StreamableExchange.Sse exchange, JsonNode id, ObjectNode filter, HttpReply reply) {
    }

    private final Set<Listen> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();

    /** Opens the stream of {@code message} on {@code reply} (SSE whatever the server's mode: it is a stream). */
    void open(JsonRpc.Incoming message, HttpReply reply, SessionRegistry sessions, List<String> resourceUris) {
        StreamableExchange.Sse exchange = new StreamableExchange.Sse(reply, null, null, sessions, true);
        JsonNode asked = message.params().path("notifications");
        ObjectNode honoured = JsonRpc.object();
        LIST_CHANGED.keySet().forEach(flag -> {
            if (asked.path(flag).asBoolean(false)) {
                honoured.put(flag, true);
            }
        });
        if (asked.path("resourceSubscriptions").isArray()) {
            var uris = honoured.putArray("resourceSubscriptions");
            asked.path("resourceSubscriptions").forEach(u -> {
                if (resourceUris.contains(u.asString(""))) {
                    uris.add(u.asString(""));
                }
            });
        }
        Listen listen = new Listen(exchange, message.id(), honoured, reply);
        ObjectNode ack = JsonRpc.object();
        ack.putObject("_meta").set(SUBSCRIPTION_ID, message.id());
        ack.set("notifications", honoured);
        exchange.notify(JsonRpc.notification(ACKNOWLEDGED, ack)); // first, before any other on the stream
        open.add(listen);
        opened.incrementAndGet();
        reply.ctx().channel().closeFuture().addListener(f -> open.remove(listen));
    }

    /** Streams open right now. */
    int openCount() {
        return open.size();
    }

    /** Streams opened since the start. */
    int openedCount() {
        return opened.get();
    }

    /**
     * Sends notification {@code method} (with {@code params}, or none) on every stream whose filter asked for it;
     * returns on how many. A resources/updated goes to the streams subscribed to its {@code uri}.
     */
    int send(String method, ObjectNode params) {
        int sent = 0;
        for (Listen l : open) {
            if (!wants(l.filter(), method, params)) {
                continue;
            }
            ObjectNode p = params == null ? JsonRpc.object() : params.deepCopy();
            (p.get("_meta") instanceof ObjectNode m ? m : p.putObject("_meta")).set(SUBSCRIPTION_ID, l.id());
            ObjectNode n = JsonRpc.notification(method, p);
            l.reply().ctx().executor().execute(() -> l.exchange().notify(n));
            sent++;
        }
        return sent;
    }

    private static boolean wants(ObjectNode filter, String method, ObjectNode params) {
        for (Map.Entry<String, String> e : LIST_CHANGED.entrySet()) {
            if (e.getValue().equals(method)) {
                return filter.path(e.getKey()).asBoolean(false);
            }
        }
        if (RESOURCE_UPDATED.equals(method) && params != null) {
            for (JsonNode u : filter.path("resourceSubscriptions")) {
                if (u.asString("").equals(params.path("uri").asString(""))) {
                    return true;
                }
            }
        }
        return false;
    }
}
