package dev.mcpload.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** The one histogram shape mcpload uses: microseconds, 1 µs to 1 hour, 3 significant digits. */
public final class Latencies {
    public static final long LOWEST_US = 1;
    public static final long HIGHEST_US = 3_600_000_000L;
    public static final int DIGITS = 3;

    private Latencies() {
    }

    public static Histogram newHistogram() {
        return new Histogram(LOWEST_US, HIGHEST_US, DIGITS);
    }

    /** Nanoseconds to the recorded unit, clamped into the trackable range. */
    public static long toMicros(long nanos) {
        long us = (nanos + 500) / 1000;
        return Math.max(LOWEST_US, Math.min(HIGHEST_US, us));
    }

    /** A percentile in milliseconds (0 when nothing was recorded). */
    public static double percentileMs(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /**
     * HdrHistogram's compressed encoding (what {@code Histogram.decodeFromCompressedByteBuffer} reads): lossless,
     * usually under 1 KB (at most ~3 KB measured) for what takes ~190 KB in memory; an empty histogram is an empty
     * array.
     */
    public static byte[] encode(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new byte[0];
        }
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        return Arrays.copyOf(buf.array(), len);
    }

    /** The histogram {@link #encode} wrote (empty for an empty array). */
    public static Histogram decode(byte[] bytes) {
        if (bytes.length == 0) {
            return newHistogram();
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), LOWEST_US);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed histogram: " + e.getMessage(), e);
        }
    }
}
