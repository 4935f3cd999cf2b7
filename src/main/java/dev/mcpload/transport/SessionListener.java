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

    /** A response arrived for a request that had already timed out or was unknown. */
    default void onLateResponse(IncomingMessage response) {
    }
}
