package dev.mcpload.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workloads side by side: one model per workload (closed or open, over its own steps), each started at its
 * {@code start_time} and retired at its own end, all sharing the run's sessions, gate and budget, each recording
 * under keys of its own ({@link dev.mcpload.metrics.MetricKey#workload}). The engine sees their sums.
 */
final class CompositeModel implements LoadModel {
    private record Part(Plan.Workload workload, LoadModel model) {
        long endMs() {
            return workload.startTimeMs() + workload.executor().durationMs();
        }
    }

    private final List<Part> parts = new ArrayList<>();
    private final boolean[] retired;

    CompositeModel(Plan plan, EngineParts shared, AtomicLong budget) {
        for (Plan.Workload w : plan.workloads()) {
            Plan sub = plan.forWorkload(w);
            // Each workload records under its own keys, so its figures can be told apart (and added up).
            var stepMetrics = new dev.mcpload.metrics.OperationMetrics[sub.steps().size()];
            for (int i = 0; i < stepMetrics.length; i++) {
                if (sub.sends(i)) {
                    stepMetrics[i] = shared.metrics().forKey(sub.steps().get(i).key().inWorkload(w.name()));
                }
            }
            EngineParts own = new EngineParts(shared.sessions(), shared.clock(), shared.gate(), shared.metrics(),
                    stepMetrics, sub);
            parts.add(new Part(w, LoadModel.of(sub, own, budget)));
        }
        retired = new boolean[parts.size()];
    }

    @Override
    public void prepare() {
        parts.forEach(p -> p.model().prepare());
    }

    @Override
    public boolean ready() {
        return parts.stream().allMatch(p -> p.model().ready());
    }

    @Override
    public void start(long startNanos) {
        for (Part p : parts) {
            p.model().start(startNanos + p.workload().startTimeMs() * 1_000_000);
        }
    }

    @Override
    public void tick(long elapsedMs) {
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (elapsedMs < p.workload().startTimeMs() || retired[i]) {
                continue;
            }
            if (elapsedMs >= p.endMs()) {
                p.model().retireAll(elapsedMs - p.workload().startTimeMs());
                retired[i] = true;
            } else {
                p.model().tick(elapsedMs - p.workload().startTimeMs());
            }
        }
    }

    @Override
    public long quietMsAfter(long elapsedMs) {
        long quiet = Long.MAX_VALUE;
        for (Part p : parts) {
            long start = p.workload().startTimeMs();
            long q = elapsedMs < start ? start - elapsedMs
                    : elapsedMs < p.endMs() ? Math.min(p.model().quietMsAfter(elapsedMs - start), p.endMs() - elapsedMs)
                    : Long.MAX_VALUE;
            quiet = Math.min(quiet, q);
        }
        return Math.max(1, quiet);
    }

    @Override
    public long nextWakeNanos() { // asked at every wake of the engine: a loop, not a stream
        long next = Long.MAX_VALUE;
        for (Part p : parts) {
            next = Math.min(next, p.model().nextWakeNanos());
        }
        return next;
    }

    @Override
    public int targetAt(long elapsedMs) {
        int n = 0;
        for (Part p : parts) {
            long start = p.workload().startTimeMs();
            if (elapsedMs >= start && elapsedMs < p.endMs()) {
                n += p.model().targetAt(elapsedMs - start);
            }
        }
        return n;
    }

    @Override
    public int activeVus() {
        return parts.stream().mapToInt(p -> p.model().activeVus()).sum();
    }

    @Override
    public boolean allFinished() {
        return parts.stream().allMatch(p -> p.model().allFinished());
    }

    @Override
    public void retireAll(long elapsedMs) {
        for (int i = 0; i < parts.size(); i++) {
            if (!retired[i]) {
                parts.get(i).model().retireAll(Math.max(0, elapsedMs - parts.get(i).workload().startTimeMs()));
                retired[i] = true;
            }
        }
    }

    @Override
    public List<VirtualUser> all() {
        List<VirtualUser> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.model().all()));
        return all;
    }
}
