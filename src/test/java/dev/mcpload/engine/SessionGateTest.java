package dev.mcpload.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SessionGateTest {
    @Test
    void admitsUpToTheLimitAndOneMoreForEachLeave() {
        SessionGate gate = new SessionGate(2);
        List<Integer> admitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            gate.enter(() -> admitted.add(n));
        }
        assertThat(admitted).containsExactly(0, 1);
        assertThat(gate.waiting()).isEqualTo(3);
        gate.leave();
        assertThat(admitted).containsExactly(0, 1, 2); // first come, first admitted
        gate.leave();
        gate.leave();
        assertThat(admitted).containsExactly(0, 1, 2, 3, 4);
        assertThat(gate.opening()).isEqualTo(2);
        assertThat(gate.peak()).isEqualTo(2);
    }

    @Test
    void anAdmissionThatCannotStartGivesItsPlaceBack() {
        SessionGate gate = new SessionGate(1);
        List<Integer> admitted = new ArrayList<>();
        gate.enter(() -> admitted.add(0));
        gate.enter(() -> {
            throw new java.util.concurrent.RejectedExecutionException("event loop shut down");
        });
        gate.enter(() -> admitted.add(2));
        gate.leave(); // frees the place: the throwing one is admitted, fails, and the next one still gets in
        assertThat(admitted).containsExactly(0, 2);
        assertThat(gate.opening()).isEqualTo(1);
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void noLimitAdmitsEveryoneAtOnce() {
        SessionGate gate = new SessionGate(0);
        AtomicInteger admitted = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            gate.enter(admitted::incrementAndGet);
        }
        assertThat(admitted).hasValue(100);
        assertThat(gate.peak()).isEqualTo(100);
    }

    @Test
    void underContentionNeverExceedsTheLimitAndStrandsNoOne() throws Exception {
        int limit = 3;
        int threads = 4;
        int perThread = 20_000;
        SessionGate gate = new SessionGate(limit);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(threads * perThread);
        // Each admitted "opening" ends on another thread, as a handshake ends on an event loop.
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.ExecutorService closer = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        gate.enter(() -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            closer.execute(() -> {
                                inside.decrementAndGet();
                                done.incrementAndGet();
                                gate.leave();
                                finished.countDown();
                            });
                        });
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join(20_000);
            }
            assertThat(finished.await(20, TimeUnit.SECONDS)).as("every waiter admitted").isTrue();
        } finally {
            closer.shutdownNow();
        }
        assertThat(done).hasValue(threads * perThread);
        assertThat(maxInside.get()).isLessThanOrEqualTo(limit);
        assertThat(gate.peak()).isEqualTo(limit);
        assertThat(gate.opening()).isZero();
        assertThat(gate.waiting()).isZero();
    }
}
