/**
 * Runs a {@link dev.mcpload.engine.Plan}: the load engine and its virtual users.
 *
 * <p>{@link dev.mcpload.engine.LoadEngine} is driven step by step on the caller's thread ({@code start},
 * {@code awaitInterval}, {@code setTarget}, {@code stop}; {@code run} does all for a whole schedule). It gets its
 * {@link dev.mcpload.engine.Clock}, its {@link dev.mcpload.engine.SessionFactory} and its breaking-point detector
 * from the caller, so the same engine runs a real test and a virtual-time test. A
 * {@link dev.mcpload.engine.LoadModel} per executor family turns the schedule into VUs
 * ({@link dev.mcpload.engine.ClosedModel}: so many VUs now). A {@link dev.mcpload.engine.VirtualUser} is a
 * {@link dev.mcpload.engine.SessionHolder} (open, hold, close, reopen the session) and a
 * {@link dev.mcpload.engine.RequestDriver} (send a step, record its outcome from its intended start), confined
 * to one {@link dev.mcpload.engine.TaskLoop}; their state tables are in their docs.
 */
package dev.mcpload.engine;
