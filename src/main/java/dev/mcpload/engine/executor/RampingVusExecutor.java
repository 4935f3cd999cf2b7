package dev.mcpload.engine.executor;

import java.util.List;

/**
 * Stages that move the VU count linearly from the previous stage's target (0 at the start) to their own over
 * their duration. The count is the ceiling of the straight line, so a ramp-up starts its first VU at once and
 * the rest evenly spread, and a ramp-down stops VUs evenly spread with the last one at the stage's end; a hold
 * (same target) changes nothing.
 */
public final class RampingVusExecutor implements ClosedExecutor {
    /** One stage: reach {@code targetVus} over {@code durationMs}. */
    public record Stage(int targetVus, long durationMs) implements TimedStage {
        public Stage {
            if (targetVus < 0) {
                throw new IllegalArgumentException("target_vus must be >= 0");
            }
            if (durationMs < 1) {
                throw new IllegalArgumentException("stage duration must be > 0");
            }
        }
    }

    private final List<Stage> stages;
    private final int startVus;
    private final long durationMs;
    private final int maxVus;

    public RampingVusExecutor(List<Stage> stages) {
        this(0, stages);
    }

    public RampingVusExecutor(int startVus, List<Stage> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("at least one stage is needed");
        }
        this.stages = List.copyOf(stages);
        this.startVus = startVus;
        long d = 0;
        int max = startVus;
        for (Stage s : stages) {
            d += s.durationMs();
            max = Math.max(max, s.targetVus());
        }
        this.durationMs = d;
        this.maxVus = max;
    }

    public List<Stage> stages() {
        return stages;
    }

    @Override
    public int targetAt(long elapsedMs) {
        if (elapsedMs >= durationMs) {
            return 0;
        }
        int from = startVus;
        long stageStart = 0;
        for (Stage s : stages) {
            long stageEnd = stageStart + s.durationMs();
            if (elapsedMs < stageEnd) {
                double f = (double) (elapsedMs - stageStart) / s.durationMs();
                double line = from + (s.targetVus() - from) * f;
                return (int) Math.ceil(line - 1e-9);
            }
            from = s.targetVus();
            stageStart = stageEnd;
        }
        return from;
    }

    /** Within a ramp, the target moves every duration/|change| ms; a hold changes nothing until its end. */
    @Override
    public long quietMsAfter(long elapsedMs) {
        int from = startVus;
        long stageStart = 0;
        for (Stage s : stages) {
            long stageEnd = stageStart + s.durationMs();
            if (elapsedMs < stageEnd) {
                int delta = Math.abs(s.targetVus() - from);
                long untilEnd = stageEnd - elapsedMs;
                return delta == 0 ? untilEnd : Math.max(1, Math.min(untilEnd, s.durationMs() / (2L * delta)));
            }
            from = s.targetVus();
            stageStart = stageEnd;
        }
        return 1;
    }

    @Override
    public int stageAt(long elapsedMs) {
        return TimedStage.stageAt(stages, elapsedMs);
    }

    @Override
    public int stageCount() {
        return stages.size();
    }

    @Override
    public long durationMs() {
        return durationMs;
    }

    @Override
    public int maxVus() {
        return maxVus;
    }

    @Override
    public String name() {
        return "ramping-vus";
    }
}
