package dev.mcpload.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets at most {@code limit} sessions be opening (connect + initialize) at the same time, across all VUs.
 *
 * <p>Why: 10,000 VUs started together would otherwise open 10,000 connections in the same millisecond. The
 * server's accept queue ({@code net.core.somaxconn}, Node's 511) overflows, the kernel drops SYNs that are
 * retried only after 1 s, 3 s, ..., and the generator's own event loops queue the handshakes — so sessions fail
 * to connect and {@code initialize} latency measures the generator's burst instead of the server. Real clients
 * never arrive in one millisecond. Opening a few hundred at a time still opens thousands per second.
 *
 * <p>Non-blocking: a VU that must wait is a queued callback, run by whoever frees a place. Callbacks must hop to
 * their own event loop themselves.
 */
final class SessionGate {
    private final int limit;
    private final AtomicInteger opening = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /** @param limit sessions opening at once; 0 or less = no limit */
    SessionGate(int limit) {
        this.limit = limit;
    }

    /** Runs {@code admitted} now or once a place is free. Every admission must be followed by one {@link #leave()}. */
    void enter(Runnable admitted) {
        if (limit <= 0) {
            notePeak(opening.incrementAndGet());
            admitted.run();
            return;
        }
        waiting.add(admitted);
        drain();
    }

    /** The session admitted earlier is open, failed, or was never opened. */
    void leave() {
        opening.decrementAndGet();
        if (limit > 0) {
            drain();
        }
    }

    /** Sessions being opened now (for tests). */
    int opening() {
        return opening.get();
    }

    /** VUs waiting for a place (for tests). */
    int waiting() {
        return waiting.size();
    }

    /** The most sessions that were opening at once so far (for tests). */
    int peak() {
        return peak.get();
    }

    private void notePeak(int n) {
        if (n > peak.get()) {
            peak.accumulateAndGet(n, Math::max);
        }
    }

    private void drain() {
        // Either the thread that queues or the one that frees a place sees the other's change: whichever runs
        // this loop last admits the waiter, so no waiter is stranded with a place free.
        while (!waiting.isEmpty()) {
            int n = opening.get();
            if (n >= limit) {
                return;
            }
            if (!opening.compareAndSet(n, n + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                opening.decrementAndGet(); // another thread took it; look again
                continue;
            }
            notePeak(n + 1);
            try {
                next.run();
            } catch (RuntimeException e) {
                // The admitted VU could not even be scheduled (its event loop is shutting down at the end of the
                // run): give the place back here, in this loop, rather than strand the VUs behind it.
                opening.decrementAndGet();
            }
        }
    }
}
