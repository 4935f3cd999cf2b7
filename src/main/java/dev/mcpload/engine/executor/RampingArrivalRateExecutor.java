package dev.mcpload.engine.executor;

import java.util.List;

/**
 * k6's {@code ramping-arrival-rate}: the rate (iterations per {@code timeUnitMs}) moves linearly from the previous
 * stage's target ({@code startRate} at first) to each stage's over its duration. The arrivals are where the
 * integral of the rate crosses ½, 1½, 2½, ...: a schedule whose integral is N has exactly N arrivals, none at its
 * very end, and a stage starting at rate 0 waits for its first one. Within a stage going from rate r0 to r1 over D, the count after t is
 * r0·t + (r1 − r0)·t²/(2D), solved for t.
 */
public final class RampingArrivalRateExecutor implements OpenExecutor {
    /** One stage: reach {@code target} iterations per time unit over {@code durationMs}. */
    public record Stage(double target, long durationMs) implements TimedStage {
        public Stage {
            if (!(target >= 0) || Double.isInfinite(target)) {
                throw new IllegalArgumentException("target must be a number >= 0");
            }
            if (durationMs < 1) {
                throw new IllegalArgumentException("stage duration must be > 0");
            }
        }
    }

    private final double startRate;
    private final long timeUnitMs;
    private final List<Stage> stages;
    private final int preAllocatedVus;
    private final int maxVus;
    private final long durationMs;

    public RampingArrivalRateExecutor(double startRate, long timeUnitMs, List<Stage> stages, int preAllocatedVus,
                                      int maxVus) {
        if (!(startRate >= 0) || timeUnitMs < 1 || stages.isEmpty()) {
            throw new IllegalArgumentException("start_rate >= 0, a positive time_unit and a stage are needed");
        }
        if (preAllocatedVus < 1 || maxVus < preAllocatedVus) {
            throw new IllegalArgumentException("pre_allocated_vus must be >= 1 and max_vus >= pre_allocated_vus");
        }
        this.startRate = startRate;
        this.timeUnitMs = timeUnitMs;
        this.stages = List.copyOf(stages);
        this.preAllocatedVus = preAllocatedVus;
        this.maxVus = maxVus;
        this.durationMs = stages.stream().mapToLong(Stage::durationMs).sum();
    }

    public List<Stage> stages() {
        return stages;
    }

    @Override
    public Arrivals arrivals() {
        return new Arrivals() {
            private int stage;
            private double stageStartNanos;
            private double countAtStageStart; // iterations the integral reached at the stage's start
            private double next = 0.5;        // the next arrival is where the integral reaches this

            @Override
            public long nextNanos() {
                while (stage < stages.size()) {
                    Stage s = stages.get(stage);
                    double r0 = rateAtStageStart(stage) / (timeUnitMs * 1e6); // per nanosecond
                    double r1 = s.target() / (timeUnitMs * 1e6);
                    double d = s.durationMs() * 1e6;
                    double stageCount = (r0 + r1) / 2 * d;
                    double want = next - countAtStageStart;
                    if (want <= stageCount + 1e-9) {
                        double t = solve(r0, r1, d, want);
                        next++;
                        return Math.round(stageStartNanos + t);
                    }
                    countAtStageStart += stageCount;
                    stageStartNanos += d;
                    stage++;
                }
                return END;
            }
        };
    }

    /** t in [0, d] where r0·t + (r1 − r0)·t²/(2d) = n. */
    private static double solve(double r0, double r1, double d, double n) {
        double a = (r1 - r0) / (2 * d);
        if (Math.abs(a) < 1e-30) {
            return n / r0;
        }
        double disc = r0 * r0 + 4 * a * n;
        return (-r0 + Math.sqrt(Math.max(0, disc))) / (2 * a);
    }

    private double rateAtStageStart(int i) {
        return i == 0 ? startRate : stages.get(i - 1).target();
    }

    @Override
    public double ratePerSecondAt(long elapsedMs) {
        long start = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            if (elapsedMs < start + s.durationMs()) {
                double f = (double) (elapsedMs - start) / s.durationMs();
                double r = rateAtStageStart(i) + (s.target() - rateAtStageStart(i)) * f;
                return r * 1000.0 / timeUnitMs;
            }
            start += s.durationMs();
        }
        return 0;
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
    public int preAllocatedVus() {
        return preAllocatedVus;
    }

    @Override
    public int maxVus() {
        return maxVus;
    }

    @Override
    public String name() {
        return "ramping-arrival-rate";
    }
}
