package dev.mcpload.engine;

import dev.mcpload.transport.McpSession;
import dev.mcpload.transport.SessionListener;

/**
 * Where VUs get their loop and their sessions: the MCP client in a run ({@link ClientSessions}), a fake server in
 * the engine's virtual-time tests. A VU takes one loop for its life and opens every session of it there.
 */
public interface SessionFactory {
    /** The loop the next VU lives on (spread over the available loops). */
    TaskLoop nextLoop();

    /** A new, not yet initialized session whose callbacks run on {@code loop}. */
    McpSession newSession(TaskLoop loop, SessionListener listener);
}
