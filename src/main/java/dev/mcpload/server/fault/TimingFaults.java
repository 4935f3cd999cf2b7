package dev.mcpload.server.fault;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Faults of time: the answer comes late, after a server-wide stall, or never. */
final class TimingFaults {
    private TimingFaults() {
    }

    /** Every picked request waits {@code ms} before what follows in the chain (the normal answer, or a fault). */
    static Fault latency(String param) {
        long ms = param == null ? 100 : FaultParams.durationMs(param);
        return (x, next) -> x.scheduler().schedule(next, ms, TimeUnit.MILLISECONDS);
    }

    /** Like latency, uniformly between 0 and {@code ms}: the spread a percentile must show. */
    static Fault jitter(String param) {
        long ms = param == null ? 100 : FaultParams.durationMs(param);
        return (x, next) -> x.scheduler().schedule(next, ThreadLocalRandom.current().nextLong(ms + 1),
                TimeUnit.MILLISECONDS);
    }

    /** Holds the request forever: only the client's timeout ends it (and closes the connection). */
    static Fault never(String param) {
        FaultParams.none(param);
        return (x, next) -> {
        };
    }

    /**
     * The whole server stops answering once, for {@code ms}: the first picked request starts the stall, and
     * every request arriving until it ends (picked or not) is held until then and answered normally after — a
     * garbage-collection pause or a lock convoy as the clients see it.
     */
    static final class Stall implements Fault {
        private final long ms;
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile long endNanos;

        Stall(String param) {
            this.ms = param == null ? 5_000 : FaultParams.durationMs(param);
        }

        @Override
        public void apply(FaultExchange x, Runnable next) {
            if (started.compareAndSet(false, true)) {
                endNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            }
            pass(x, next);
        }

        @Override
        public void pass(FaultExchange x, Runnable next) {
            long end = endNanos;
            long wait = end - System.nanoTime();
            if (end == 0 || wait <= 0) {
                next.run();
            } else {
                x.scheduler().schedule(next, wait, TimeUnit.NANOSECONDS);
            }
        }
    }
}
