package dev.mcpload.engine;

import dev.mcpload.engine.executor.ClosedExecutor;
import dev.mcpload.engine.executor.OpenExecutor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the engine turns its executor's schedule into running VUs, one implementation per executor family. Called
 * from the engine's loop only (reads of {@link #activeVus()} may come from any thread).
 */
interface LoadModel {
    /** The model of the plan's executor family. */
    static LoadModel of(Plan plan, EngineParts parts, AtomicLong budget) {
        if (!plan.workloads().isEmpty()) {
            return new CompositeModel(plan, parts, budget);
        }
        if (plan.executor() instanceof ClosedExecutor closed) {
            return new ClosedModel(closed, plan, parts, budget);
        }
        if (plan.executor() instanceof OpenExecutor open) {
            return new OpenModel(open, plan, parts, budget);
        }
        throw new IllegalArgumentException("no load model for executor " + plan.executor().name());
    }

    /** Before the run's clock starts: open what must be open at its first instant (the open model's pool). */
    default void prepare() {
    }

    /** Whether what {@link #prepare()} opened is open (the engine waits for it, up to a deadline). */
    default boolean ready() {
        return true;
    }

    /** The run starts at {@code startNanos} (the engine's clock). */
    default void start(long startNanos) {
    }

    /** Brings the VUs in line with the schedule at {@code elapsedMs}. */
    void tick(long elapsedMs);

    /** How long the engine may wait after {@code elapsedMs} before the schedule needs it again. */
    long quietMsAfter(long elapsedMs);

    /** When (engine clock, nanoseconds) the model next needs a tick, for a schedule finer than milliseconds. */
    default long nextWakeNanos() {
        return Long.MAX_VALUE;
    }

    /** What the schedule asks for at {@code elapsedMs} (VUs), for the interval's label. */
    int targetAt(long elapsedMs);

    /** VUs holding a session and not stopping. Any thread. */
    int activeVus();

    /** Whether every VU started so far has finished (the iteration budget is used up and all closed). */
    boolean allFinished();

    /** The schedule ended: stop every VU in the order the schedule would (newest first). */
    void retireAll(long elapsedMs);

    /** Every VU started during the run, running or retired. */
    List<VirtualUser> all();
}
