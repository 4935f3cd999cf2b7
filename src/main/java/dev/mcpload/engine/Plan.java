package dev.mcpload.engine;

import dev.mcpload.engine.executor.Executor;
import dev.mcpload.metrics.CoordinatedOmission;
import java.util.List;

/**
 * What runs, decided before anything runs, in four small parts: the schedule (how many VUs or arrivals when), the
 * mix (what each request is), the session policy (how a VU paces itself), the limits (when a request or the run
 * gives up) and the sampling (how the run is measured). Pure data, built from a config by
 * {@link dev.mcpload.config.PlanBuilder}; tests start from {@link #of} and change one part with a wither.
 */
public record Plan(Executor executor, Mix mix, SessionPolicy session, Limits limits, Sampling sampling,
                   List<Workload> workloads) {
    /**
     * One of several workloads run side by side (k6's scenarios): its own executor, started {@code startTimeMs}
     * after the run, sending only the steps at {@code stepIndices} of the mix. With workloads, the plan's
     * {@link #executor()} is their {@link CombinedSchedule}.
     */
    public record Workload(String name, Executor executor, long startTimeMs, List<Integer> stepIndices) {
        public Workload {
            stepIndices = List.copyOf(stepIndices);
        }
    }

    public Plan {
        workloads = List.copyOf(workloads);
    }

    /** A plan of one schedule (no side-by-side workloads). */
    public Plan(Executor executor, Mix mix, SessionPolicy session, Limits limits, Sampling sampling) {
        this(executor, mix, session, limits, sampling, List.of());
    }

    /** Several workloads side by side, over the same mix, session policy, limits and sampling. */
    public Plan withWorkloads(List<Workload> w) {
        return new Plan(new CombinedSchedule(w), mix, session, limits, sampling, w);
    }

    /** The plan one workload runs: its executor, and only its steps. */
    public Plan forWorkload(Workload w) {
        List<Step> steps = w.stepIndices().stream().map(i -> mix.steps().get(i)).toList();
        return new Plan(w.executor(), new Mix(steps, mix.seed() + w.name().hashCode()), session, limits, sampling);
    }

    /** The weighted steps and the seed of the choice among them (same seed, same sequence per VU). */
    public record Mix(List<Step> steps, long seed) {
        public Mix {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("at least one scenario step is needed");
            }
            if (steps.stream().mapToDouble(Step::weight).sum() <= 0) {
                throw new IllegalArgumentException("the total weight of the scenario must be greater than zero");
            }
        }
    }

    /**
     * How a VU's sessions look: how long it pauses between calls, how many calls a session makes before it is
     * closed and a fresh one opened (churn), and when its first session starts. The default is one session held for
     * the whole test with no pause, every VU starting at once.
     *
     * @param thinkTime         pause between a reply and the next request
     * @param calls             requests per session, drawn per session; {@link Range#ZERO}: no limit (one session)
     * @param sessionDurationMs a session ends after this long (0: no limit), whichever of the two comes first
     * @param arrivalJitterMs   each VU's first session starts after a delay drawn from this ({@link Range#ZERO}:
     *                          all at once, the synchronized worst case)
     * @param retry             the pause after a failure that says "not now" (see {@link RetryPolicy})
     */
    public record SessionPolicy(ThinkTime thinkTime, Range calls, long sessionDurationMs, Range arrivalJitterMs,
                                RetryPolicy retry) {
        public static final SessionPolicy DEFAULT = new SessionPolicy(0, RetryPolicy.DEFAULT);

        /** A fixed think time, one session for the whole test (request_interval_ms). */
        public SessionPolicy(int requestIntervalMs, RetryPolicy retry) {
            this(ThinkTime.fixed(requestIntervalMs), Range.ZERO, 0, Range.ZERO, retry);
        }

        /** Whether sessions end before the test does (and VUs open new ones). */
        public boolean churns() {
            return !calls.isZero() || sessionDurationMs > 0;
        }
    }

    /**
     * When a request, a session's opening or the run gives up.
     *
     * @param iterations         stop after this many requests in total (0 = no limit)
     * @param timeoutMs          per-request deadline
     * @param maxOpeningSessions sessions opening (connect + initialize) at once across all VUs, 0 = no limit
     *                           (see {@link SessionGate})
     * @param gracefulStopMs     at the end of the schedule, how long requests in flight may still finish (k6's
     *                           gracefulStop); what is still unanswered then is counted as unfinished
     */
    public record Limits(long iterations, int timeoutMs, int maxOpeningSessions, long gracefulStopMs) {
        /** Without a graceful_stop setting: a request may run to its deadline, but the run waits at most 30 s. */
        public static long defaultGracefulStopMs(int timeoutMs) {
            return Math.min(timeoutMs + 1_000L, 30_000L);
        }

        public static Limits of(int timeoutMs) {
            return new Limits(0, timeoutMs, 256, defaultGracefulStopMs(timeoutMs));
        }
    }

    /**
     * How the run is measured.
     *
     * @param intervalMs length of one metrics interval (2000 in the chapter)
     * @param correction how the requests a stall hid are added back (coordinated omission)
     */
    public record Sampling(int intervalMs, CoordinatedOmission correction) {
    }

    /** A plan with defaults around the schedule and steps: 5 s timeout, no think time, 2 s intervals, no correction. */
    public static Plan of(Executor executor, List<Step> steps) {
        return new Plan(executor, new Mix(steps, 7), SessionPolicy.DEFAULT, Limits.of(5_000),
                new Sampling(2_000, CoordinatedOmission.off()));
    }

    public Plan withExecutor(Executor e) {
        return new Plan(e, mix, session, limits, sampling, List.of()); // one schedule replaces the workloads
    }

    public Plan withMix(Mix m) {
        return new Plan(executor, m, session, limits, sampling, workloads);
    }

    public Plan withSession(SessionPolicy s) {
        return new Plan(executor, mix, s, limits, sampling, workloads);
    }

    public Plan withLimits(Limits l) {
        return new Plan(executor, mix, session, l, sampling, workloads);
    }

    public Plan withSampling(Sampling s) {
        return new Plan(executor, mix, session, limits, s, workloads);
    }

    public List<Step> steps() {
        return mix.steps();
    }
}
