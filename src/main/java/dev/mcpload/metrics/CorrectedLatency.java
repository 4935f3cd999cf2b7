package dev.mcpload.metrics;

import org.HdrHistogram.Histogram;

/**
 * Latency as mcpload reports it: the histogram corrected for coordinated omission read together with the raw
 * one it came from, so that no figure is better than what clients saw. A corrected percentile (and mean) is
 * never below the raw one: the correction may only add what a stall hid. Fill-ins are the latencies hidden
 * requests would have seen, and in a distribution with several modes (a fast tool and a slow one, say) they
 * can crowd in below a high raw percentile; there the raw value is the honest one. Holds for any window and
 * any set of keys, because it is applied where percentiles are read, not where histograms are added.
 */
public record CorrectedLatency(Histogram corrected, Histogram raw) {
    /** Of an empty histogram pair. */
    public static CorrectedLatency empty() {
        return new CorrectedLatency(Latencies.newHistogram(), Latencies.newHistogram());
    }

    /** Real requests measured (the corrected histogram also holds fill-ins). */
    public long count() {
        return raw.getTotalCount();
    }

    public double percentileMs(double percentile) {
        return Math.max(Latencies.percentileMs(corrected, percentile), Latencies.percentileMs(raw, percentile));
    }

    public double meanMs() {
        double c = corrected.getTotalCount() == 0 ? 0 : corrected.getMean() / 1000.0;
        double r = raw.getTotalCount() == 0 ? 0 : raw.getMean() / 1000.0;
        return Math.max(c, r);
    }

    public double minMs() {
        return raw.getTotalCount() == 0 ? 0 : raw.getMinValue() / 1000.0;
    }

    public double maxMs() {
        return raw.getTotalCount() == 0 ? 0 : Math.max(raw.getMaxValue(), corrected.getMaxValue()) / 1000.0;
    }

    /** Adds another pair (windows, keys, shards): histograms add exactly. */
    public CorrectedLatency plus(CorrectedLatency other) {
        Histogram c = corrected.copy();
        Histogram r = raw.copy();
        c.add(other.corrected);
        r.add(other.raw);
        return new CorrectedLatency(c, r);
    }
}
