package dev.mcpload.engine.executor;

/**
 * k6's {@code constant-arrival-rate}: {@code rate} iterations every {@code timeUnitMs}, evenly spaced, for
 * {@code durationMs}, whatever the server does. Arrival {@code i} is at {@code i × timeUnit / rate}, computed
 * from {@code i} (not by adding a rounded period), so the rate does not drift over a long run.
 */
public record ConstantArrivalRateExecutor(double rate, long timeUnitMs, long durationMs, int preAllocatedVus,
                                          int maxVus) implements OpenExecutor {
    public ConstantArrivalRateExecutor {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a number > 0");
        }
        if (timeUnitMs < 1 || durationMs < 1) {
            throw new IllegalArgumentException("time_unit and duration must be positive");
        }
        if (preAllocatedVus < 1 || maxVus < preAllocatedVus) {
            throw new IllegalArgumentException("pre_allocated_vus must be >= 1 and max_vus >= pre_allocated_vus");
        }
    }

    @Override
    public Arrivals arrivals() {
        double periodNanos = timeUnitMs * 1e6 / rate;
        long endNanos = durationMs * 1_000_000L;
        return new Arrivals() {
            private long i;

            @Override
            public long nextNanos() {
                long t = Math.round(i * periodNanos);
                if (t >= endNanos) {
                    return END;
                }
                i++;
                return t;
            }
        };
    }

    @Override
    public double ratePerSecondAt(long elapsedMs) {
        return elapsedMs < durationMs ? rate * 1000.0 / timeUnitMs : 0;
    }

    @Override
    public String name() {
        return "constant-arrival-rate";
    }
}
