package dev.mcpload.engine.executor;

/**
 * An open schedule whose iterations are whole sessions ({@code per = "session"}): at each arrival a free VU opens
 * a session, makes the session's calls ({@code [session] calls}, one choice of the mix without it) and closes it,
 * so the arrival rate is a rate of new sessions — client churn at a known pace. The schedule itself is the
 * wrapped executor's.
 */
public record SessionIterations(OpenExecutor schedule) implements OpenExecutor {
    @Override
    public boolean sessionPerIteration() {
        return true;
    }

    @Override
    public Arrivals arrivals() {
        return schedule.arrivals();
    }

    @Override
    public int preAllocatedVus() {
        return schedule.preAllocatedVus();
    }

    @Override
    public double ratePerSecondAt(long elapsedMs) {
        return schedule.ratePerSecondAt(elapsedMs);
    }

    @Override
    public long durationMs() {
        return schedule.durationMs();
    }

    @Override
    public int stageAt(long elapsedMs) {
        return schedule.stageAt(elapsedMs);
    }

    @Override
    public int stageCount() {
        return schedule.stageCount();
    }

    @Override
    public int maxVus() {
        return schedule.maxVus();
    }

    @Override
    public String name() {
        return schedule.name();
    }
}
