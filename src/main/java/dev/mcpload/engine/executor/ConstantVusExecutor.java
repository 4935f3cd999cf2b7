package dev.mcpload.engine.executor;

/** A fixed number of VUs, all started at once, for a fixed time: the flat load of the loadtest chapter. */
public record ConstantVusExecutor(int vus, long durationMs) implements ClosedExecutor {
    public ConstantVusExecutor {
        if (vus < 1) {
            throw new IllegalArgumentException("virtual users must be at least 1");
        }
        if (durationMs < 1) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    @Override
    public int targetAt(long elapsedMs) {
        return elapsedMs < durationMs ? vus : 0;
    }

    @Override
    public int maxVus() {
        return vus;
    }

    @Override
    public String name() {
        return "constant-vus";
    }
}
