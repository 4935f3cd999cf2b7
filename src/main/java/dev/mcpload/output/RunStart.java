package dev.mcpload.output;

import dev.mcpload.engine.LiveView;
import dev.mcpload.engine.executor.Executor;

/**
 * What an output learns when the load is about to start.
 *
 * @param schedule how many VUs when, for how long, in how many stages
 * @param engine   elapsed time and VUs holding a session, readable from any thread while the load runs
 * @param target   the URL or the server command, as reports name it
 */
public record RunStart(Executor schedule, LiveView engine, String target) {
}
