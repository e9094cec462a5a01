package io.city4d.store.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * How the buckets of an aggregation over [origin, end) are answered: from rollup cells where whole cells fit inside
 * one bucket, and from raw history for the pieces at the ends that are shorter than the finest cell. Bucket
 * boundaries (origin + k * period) must fall on cell boundaries, so only cell widths that divide both the period and
 * the origin serve; a single bucket (no period, or a window no longer than the period) has no inner boundary and may
 * use any width.
 *
 * <p>The pieces are laid out like a segment tree: the widest cells in the middle, then narrower cells towards the
 * ends, then raw history. They are disjoint, cover [origin, end) exactly, and the cells form one contiguous span.
 */
record RollupPlan(List<Piece> cells, List<Piece> raw) {
    /** Cell widths in microseconds, widest first; each divides the one before. */
    static final long MINUTE = 60_000_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final List<Long> WIDTHS = List.of(DAY, HOUR, MINUTE);

    /** A time range [from, to) read from cells of a width, or from raw history when width is 0. */
    record Piece(long width, long from, long to) {}

    /** The plan, or null when no cell width fits the buckets' boundaries. {@code period} is Long.MAX_VALUE for one bucket. */
    static RollupPlan of(long origin, long period, long end) {
        long span = end - origin;
        if (((end ^ origin) & (end ^ span)) < 0) span = Long.MAX_VALUE; // wider than a long can count
        boolean oneBucket = period >= span;
        List<Long> widths = WIDTHS.stream().filter(w -> oneBucket || period % w == 0 && Math.floorMod(origin, w) == 0).toList();
        if (widths.isEmpty()) return null;
        List<Piece> cells = new ArrayList<>();
        List<Piece> raw = new ArrayList<>();
        split(origin, end, widths, cells, raw);
        return new RollupPlan(cells, raw);
    }

    private static void split(long from, long to, List<Long> widths, List<Piece> cells, List<Piece> raw) {
        if (from >= to) return;
        if (widths.isEmpty()) {
            raw.add(new Piece(0, from, to));
            return;
        }
        long width = widths.get(0);
        List<Long> narrower = widths.subList(1, widths.size());
        long first = ceil(from, width);
        long last = floor(to, width);
        if (first >= last) {
            split(from, to, narrower, cells, raw);
            return;
        }
        split(from, first, narrower, cells, raw);
        cells.add(new Piece(width, first, last));
        split(last, to, narrower, cells, raw);
    }

    /** The span [from, to) that the cells cover, where unfolded history must be added from raw rows; null without cells. */
    long[] cellSpan() {
        if (cells.isEmpty()) return null;
        return new long[] {cells.stream().mapToLong(Piece::from).min().orElseThrow(), cells.stream().mapToLong(Piece::to).max().orElseThrow()};
    }

    static long floor(long time, long width) {
        return time - Math.floorMod(time, width);
    }

    private static long ceil(long time, long width) {
        long down = floor(time, width);
        if (down == time) return time;
        return down > Long.MAX_VALUE - width ? Long.MAX_VALUE : down + width;
    }
}
