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
     * after the run, choosing only among the steps at {@code stepIndices} and the flows at {@code flowIndices} of
     * the mix. With workloads, the plan's {@link #executor()} is their {@link CombinedSchedule}.
     */
    public record Workload(String name, Executor executor, long startTimeMs, List<Integer> stepIndices,
                           List<Integer> flowIndices) {
        public Workload {
            stepIndices = List.copyOf(stepIndices);
            flowIndices = List.copyOf(flowIndices);
        }

        /** A workload choosing among steps only. */
        public Workload(String name, Executor executor, long startTimeMs, List<Integer> stepIndices) {
            this(name, executor, startTimeMs, stepIndices, List.of());
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

    /**
     * The plan one workload runs: its executor, and only its choices. The steps keep their indices (a flow names
     * them by index); a step the workload does not choose on its own gets weight 0, so it is only sent in a flow.
     */
    public Plan forWorkload(Workload w) {
        List<Step> steps = new java.util.ArrayList<>();
        for (int i = 0; i < mix.steps().size(); i++) {
            Step s = mix.steps().get(i);
            steps.add(w.stepIndices().contains(i) ? s : new Step(s.key(), s.request(), 0));
        }
        List<Flow> flows = w.flowIndices().stream().map(i -> mix.flows().get(i)).toList();
        return new Plan(w.executor(), new Mix(steps, flows, mix.seed() + w.name().hashCode()), session, limits,
                sampling);
    }

    /**
     * What a VU chooses among, by weight: each step on its own, and each flow (steps run in order within one
     * session), with the seed of the choice (same seed, same sequence per VU).
     */
    public record Mix(List<Step> steps, List<Flow> flows, long seed) {
        public Mix {
            steps = List.copyOf(steps);
            flows = List.copyOf(flows);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("at least one scenario step is needed");
            }
            int n = steps.size();
            for (Flow f : flows) {
                if (f.steps().stream().anyMatch(i -> i < 0 || i >= n)) {
                    throw new IllegalArgumentException("flow " + f.name() + " names a step that is not in the mix");
                }
            }
            if (steps.stream().mapToDouble(Step::weight).sum() + flows.stream().mapToDouble(Flow::weight).sum() <= 0) {
                throw new IllegalArgumentException("the total weight of the scenario must be greater than zero");
            }
        }

        /** Single steps only. */
        public Mix(List<Step> steps, long seed) {
            this(steps, List.of(), seed);
        }

        /** Whether step {@code index} is ever sent: on its own (weight above 0) or in a flow. */
        public boolean sends(int index) {
            return steps.get(index).weight() > 0 || flows.stream().anyMatch(f -> f.weight() > 0
                    && f.steps().contains(index));
        }
    }

    /**
     * Steps sent in order within one session ({@code [[flow]]}): chosen as a whole, by {@code weight}, against the
     * single steps and the other flows. A session does not end in the middle of a flow.
     *
     * @param steps indices into the mix's steps, in order
     */
    public record Flow(String name, List<Integer> steps, double weight) {
        public Flow {
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("a flow needs at least one step");
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be a finite number >= 0");
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
     * @param listing           whether and when the VU lists the server's tools before calling them
     * @param rediscovery       whether a 2026-07-28 VU asks server/discover again when the result it has is stale
     */
    public record SessionPolicy(ThinkTime thinkTime, Range calls, long sessionDurationMs, Range arrivalJitterMs,
                                RetryPolicy retry, ToolListing listing, Rediscovery rediscovery) {
        public static final SessionPolicy DEFAULT = new SessionPolicy(0, RetryPolicy.DEFAULT);

        public SessionPolicy {
            listing = listing == null ? ToolListing.NEVER : listing;
            rediscovery = rediscovery == null ? Rediscovery.ONCE : rediscovery;
        }

        /** A profile that never lists tools on its own and discovers once per session. */
        public SessionPolicy(ThinkTime thinkTime, Range calls, long sessionDurationMs, Range arrivalJitterMs,
                             RetryPolicy retry) {
            this(thinkTime, calls, sessionDurationMs, arrivalJitterMs, retry, ToolListing.NEVER, Rediscovery.ONCE);
        }

        /** A fixed think time, one session for the whole test (request_interval_ms). */
        public SessionPolicy(int requestIntervalMs, RetryPolicy retry) {
            this(ThinkTime.fixed(requestIntervalMs), Range.ZERO, 0, Range.ZERO, retry);
        }

        /** This profile with {@code r} as its rediscovery. */
        public SessionPolicy withRediscovery(Rediscovery r) {
            return new SessionPolicy(thinkTime, calls, sessionDurationMs, arrivalJitterMs, retry, listing, r);
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

    /** Whether step {@code index} is ever sent: by the mix, or as the session's tool listing or rediscovery. */
    public boolean sends(int index) {
        return mix.sends(index) || session.listing().stepIndex() == index
                || session.rediscovery().stepIndex() == index;
    }
}
