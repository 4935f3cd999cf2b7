package dev.mcpload.interop;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.transport.SessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a session reports besides responses; safe to read from the test thread. */
final class RecordingListener implements SessionListener {
    final List<IncomingMessage> notifications = new CopyOnWriteArrayList<>();
    final List<IncomingMessage> lateResponses = new CopyOnWriteArrayList<>();
    final AtomicInteger reinitializations = new AtomicInteger();
    final List<String> serverRequests = new CopyOnWriteArrayList<>();

    @Override
    public void onServerRequest(String method, boolean answered) {
        serverRequests.add(method);
    }

    @Override
    public void onNotification(IncomingMessage notification) {
        notifications.add(notification);
    }

    @Override
    public void onSessionReinitialized() {
        reinitializations.incrementAndGet();
    }

    @Override
    public void onLateResponse(IncomingMessage response) {
        lateResponses.add(response);
    }

    /** Notifications of {@code method}, in arrival order. */
    List<IncomingMessage> notifications(String method) {
        return notifications.stream().filter(n -> method.equals(n.method())).toList();
    }

    /** Progress notifications carrying {@code token}. */
    List<IncomingMessage> progress(String token) {
        return notifications("notifications/progress").stream()
                .filter(n -> token.equals(n.params().path("progressToken").asString(null)))
                .toList();
    }
}
