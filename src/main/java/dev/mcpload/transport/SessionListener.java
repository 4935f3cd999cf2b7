package dev.mcpload.transport;

import dev.mcpload.protocol.IncomingMessage;

/**
 * What a session tells its owner besides responses. Called on the session's event loop (or reader thread for
 * stdio): implementations must be quick and must not block.
 */
public interface SessionListener {
    SessionListener NONE = new SessionListener() {
    };

    /** A server notification (progress, logging, list changed) arrived on any stream of the session. */
    default void onNotification(IncomingMessage notification) {
    }

    /**
     * The server sent a request ({@code ping}, {@code roots/list}, {@code sampling/createMessage},
     * {@code elicitation/create}, ...) on any stream of the session; it is answered right after this call.
     *
     * @param answered true when mcpload answers with a result (ping, or a capability the client declared), false
     *                 when it answers "method not found" (a capability it did not declare)
     */
    default void onServerRequest(String method, boolean answered) {
    }

    /** The server forgot the session (404, or 400 "no valid session") and it was initialized again. */
    default void onSessionReinitialized() {
    }

    /**
     * The session's event stream (the 2025 era's standalone GET stream, or 2026-07-28's subscriptions/listen) could
     * not be opened, for a reason other than the server having none: {@code why} says what happened.
     */
    default void onStreamFailed(String why) {
    }

    /** A response arrived for a request that had already timed out or was unknown. */
    default void onLateResponse(IncomingMessage response) {
    }
}
