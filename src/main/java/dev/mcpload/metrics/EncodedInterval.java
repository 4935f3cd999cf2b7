package dev.mcpload.metrics;

import dev.mcpload.protocol.ErrorClass;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * An {@link Interval} as a run keeps it: the same stamps and counts, the histograms in HdrHistogram's compressed
 * encoding (a few hundred bytes instead of the ~190 KB a 1 µs – 1 h histogram takes in memory), so an hour of
 * 2 s intervals fits in a few MB. {@link #decode()} gives the interval back exactly: encoding is lossless.
 */
public record EncodedInterval(int index, long startMs, long endMs, long wallClockMs, int vus, int targetVus,
                              int stage, long sessionReinits, List<Key> keys) {
    /**
     * One key's part; a histogram with nothing in it is stored as an empty array.
     */
    public record Key(MetricKey key, long successes, Map<ErrorClass, Long> errors, byte[] raw, byte[] corrected) {
        public Key {
            errors = Map.copyOf(errors);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && key.equals(k.key) && successes == k.successes && errors.equals(k.errors)
                    && Arrays.equals(raw, k.raw) && Arrays.equals(corrected, k.corrected);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(raw);
        }

        KeyInterval decode() {
            return new KeyInterval(key, successes, errors, decodeHistogram(raw), decodeHistogram(corrected));
        }
    }

    public EncodedInterval {
        keys = List.copyOf(keys);
    }

    public static EncodedInterval of(Interval i) {
        List<Key> keys = i.keys().values().stream()
                .map(k -> new Key(k.key(), k.successes(), k.errors(), encode(k.raw()), encode(k.corrected())))
                .toList();
        return new EncodedInterval(i.index(), i.startMs(), i.endMs(), i.wallClockMs(), i.vus(), i.targetVus(),
                i.stage(), i.sessionReinits(), keys);
    }

    public Interval decode() {
        Map<MetricKey, KeyInterval> decoded = new TreeMap<>();
        for (Key k : keys) {
            decoded.put(k.key(), k.decode());
        }
        return new Interval(index, startMs, endMs, wallClockMs, vus, targetVus, stage, sessionReinits, decoded);
    }

    /** HdrHistogram's compressed encoding (what {@code Histogram.decodeFromCompressedByteBuffer} reads). */
    public static byte[] encode(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new byte[0];
        }
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        return Arrays.copyOf(buf.array(), len);
    }

    public static Histogram decodeHistogram(byte[] bytes) {
        if (bytes.length == 0) {
            return Latencies.newHistogram();
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), Latencies.LOWEST_US);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed histogram: " + e.getMessage(), e);
        }
    }
}
