package dev.mcpload.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The picker is seeded: the same seed hits the same requests, about the fraction of them, spread out. */
class FractionPickerTest {
    private static BitSet picks(double fraction, long seed, int n) {
        FractionPicker p = new FractionPicker(fraction, seed);
        BitSet hit = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (p.next()) {
                hit.set(i);
            }
        }
        return hit;
    }

    @Test
    void theSameSeedPicksTheSameRequests() {
        assertThat(picks(0.1, 42, 10_000)).isEqualTo(picks(0.1, 42, 10_000));
        assertThat(picks(0.1, 42, 10_000)).isNotEqualTo(picks(0.1, 43, 10_000));
    }

    @Test
    void aboutTheFractionIsPicked() {
        assertThat(picks(0.1, 1, 100_000).cardinality()).isBetween(9_500, 10_500);
        assertThat(picks(0.01, 1, 100_000).cardinality()).isBetween(900, 1_100);
        assertThat(picks(1, 1, 1_000).cardinality()).isEqualTo(1_000);
    }

    /** Not every k-th: with 10 round-robin VUs and a tenth faulted, every VU gets some, not one VU all. */
    @Test
    void picksAreNotPeriodic() {
        BitSet hit = picks(0.1, 1, 10_000);
        int[] perVu = new int[10];
        hit.stream().forEach(i -> perVu[i % 10]++);
        for (int n : perVu) {
            assertThat(n).isBetween(60, 140);
        }
    }

    @Test
    void threadsShareOneSequence() throws Exception {
        FractionPicker p = new FractionPicker(0.25, 9);
        int[] hits = new int[4];
        Thread[] threads = new Thread[4];
        for (int t = 0; t < 4; t++) {
            int slot = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    if (p.next()) {
                        hits[slot]++;
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(p.calls()).isEqualTo(40_000);
        // the total is that of one thread asking 40,000 times: the same calls, whatever the interleaving
        assertThat(hits[0] + hits[1] + hits[2] + hits[3]).isEqualTo(picks(0.25, 9, 40_000).cardinality());
    }
}
