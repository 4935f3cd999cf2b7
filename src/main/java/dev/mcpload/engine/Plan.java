package dev.mcpload.engine;

import dev.mcpload.engine.executor.Executor;
import dev.mcpload.metrics.CoordinatedOmission;
import java.util.List;

/**
 * What runs, decided before anything runs: the executor (how many VUs when), the weighted steps, and the
 * per-request rules. Pure data; built from a config by {@link dev.mcpload.config.PlanBuilder}.
 *
 * @param iterations          stop after this many requests in total (0 = no limit)
 * @param timeoutMs           per-request deadline
 * @param correction          how the requests a stall hid are added back (coordinated omission)
 * @param requestIntervalMs   pause of each VU between two requests (think time)
 * @param seed                seed of the weighted choice
 * @param sampleIntervalMs    length of one metrics interval (2000 in the chapter)
 * @param maxOpeningSessions  sessions opening (connect + initialize) at once across all VUs, 0 = no limit
 *                            (see {@link SessionGate})
 * @param retry               how a VU paces itself after a failure that says "not now" (see {@link RetryPolicy})
 * @param gracefulStopMs      at the end of the schedule, how long requests in flight may still finish (k6's
 *                            gracefulStop); what is still unanswered then is counted as unfinished
 */
public record Plan(Executor executor, List<Step> steps, long iterations, int timeoutMs,
                   CoordinatedOmission correction, int requestIntervalMs, long seed, int sampleIntervalMs,
                   int maxOpeningSessions, RetryPolicy retry, long gracefulStopMs) {
    /** Without a graceful_stop setting: a request may run to its deadline, but the run waits at most 30 s. */
    public static long defaultGracefulStopMs(int timeoutMs) {
        return Math.min(timeoutMs + 1_000L, 30_000L);
    }

    public Plan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("at least one scenario step is needed");
        }
        if (steps.stream().mapToDouble(Step::weight).sum() <= 0) {
            throw new IllegalArgumentException("the total weight of the scenario must be greater than zero");
        }
    }
}
