package dev.mcpload.server;

import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.node.ObjectNode;

/**
 * The way back to the client for one request, as provided by a transport. The dispatcher answers through it
 * exactly once, possibly later (the {@code sleep} tool), and may send notifications first.
 */
interface Exchange {
    /** Whether {@link #notify} reaches the client; a plain JSON HTTP response cannot carry notifications. */
    boolean canNotify();

    /** Sends a notification related to this request; ignored when {@link #canNotify()} is false. */
    void notify(ObjectNode notification);

    /** Sends the JSON-RPC response (result or error). Called once. */
    void respond(ObjectNode response);

    /**
     * Where delayed work for this request runs. For HTTP it is the connection's event loop, so completing never
     * needs a lock and never blocks a loop.
     */
    ScheduledExecutorService scheduler();
}
