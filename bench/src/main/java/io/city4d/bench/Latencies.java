package io.city4d.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, bounded by the count they were made for; safe for concurrent distinct indexes. */
public final class Latencies {
    private final long[] samples;

    public Latencies(int capacity) {
        samples = new long[capacity];
        Arrays.fill(samples, -1);
    }

    public void record(int index, long nanos) {
        samples[index] = nanos;
    }

    /** The given percentile (0 to 100) in milliseconds, over the samples recorded; NaN when there are none. */
    public double percentileMillis(double percentile) {
        long[] recorded = Arrays.stream(samples).filter(s -> s >= 0).sorted().toArray();
        if (recorded.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(percentile / 100.0 * recorded.length) - 1;
        return recorded[Math.clamp(rank, 0, recorded.length - 1)] / 1e6;
    }

    public long count() {
        return Arrays.stream(samples).filter(s -> s >= 0).count();
    }
}
