package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link Interval} as a run keeps it: the same stamps and counts, the histograms in HdrHistogram's compressed
 * encoding (~0.6 KB each on the demo, instead of the ~190 KB a 1 µs – 1 h histogram takes in memory), so an
 * hour of 2 s intervals of ten tools takes ~22 MB. {@link #decode()} gives the interval back exactly: encoding
 * is lossless.
 */
public record EncodedInterval(int index, long startMs, long endMs, long wallClockMs, int vus, int targetVus,
                              int stage, Events events, List<Key> keys) {
    /**
     * One key's part; a histogram with nothing in it is stored as an empty array.
     */
    public record Key(MetricKey key, long successes, Map<ErrorClass, Long> errors, byte[] raw, byte[] corrected,
                      long inputRequired, long roundTrips) {
        public Key {
            errors = Map.copyOf(errors);
        }

        public Key(MetricKey key, long successes, Map<ErrorClass, Long> errors, byte[] raw, byte[] corrected) {
            this(key, successes, errors, raw, corrected, 0, 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && key.equals(k.key) && successes == k.successes && errors.equals(k.errors)
                    && Arrays.equals(raw, k.raw) && Arrays.equals(corrected, k.corrected)
                    && inputRequired == k.inputRequired && roundTrips == k.roundTrips;
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(raw);
        }

        KeyInterval decode() {
            return new KeyInterval(key, successes, errors, Latencies.decode(raw), Latencies.decode(corrected),
                    inputRequired, roundTrips);
        }
    }

    public EncodedInterval {
        keys = List.copyOf(keys);
    }

    public static EncodedInterval of(Interval i) {
        List<Key> keys = i.keys().values().stream()
                .map(k -> new Key(k.key(), k.successes(), k.errors(), Latencies.encode(k.raw()),
                        Latencies.encode(k.corrected()), k.inputRequired(), k.roundTrips()))
                .toList();
        return new EncodedInterval(i.index(), i.startMs(), i.endMs(), i.wallClockMs(), i.vus(), i.targetVus(),
                i.stage(), i.events(), keys);
    }

    public Interval decode() {
        Map<MetricKey, KeyInterval> decoded = new TreeMap<>();
        for (Key k : keys) {
            decoded.put(k.key(), k.decode());
        }
        return new Interval(index, startMs, endMs, wallClockMs, vus, targetVus, stage, events, decoded);
    }
}
