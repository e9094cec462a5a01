package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.store.jdbc.RollupPlan.Piece;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A plan's pieces tile the aggregation's range exactly, and no rollup cell it reads straddles a bucket boundary. */
class RollupPlanTest {
    @Property(tries = 2000)
    void piecesTileTheRangeAndCellsStayInsideBuckets(@ForAll("instants") long origin, @ForAll("periods") long period, @ForAll("spans") long span) {
        long end = span == Long.MAX_VALUE ? Long.MAX_VALUE : origin + span;
        RollupPlan plan = RollupPlan.of(origin, period, end);
        boolean oneBucket = period >= span;
        boolean someWidthFits = oneBucket || RollupPlan.WIDTHS.stream().anyMatch(w -> period % w == 0 && Math.floorMod(origin, w) == 0);
        assertThat(plan == null).isEqualTo(!someWidthFits);
        if (plan == null) return;

        List<Piece> pieces = new ArrayList<>(plan.cells());
        pieces.addAll(plan.raw());
        pieces.sort(Comparator.comparingLong(Piece::from));
        long covered = origin;
        for (Piece piece : pieces) {
            assertThat(piece.from()).as("pieces are contiguous").isEqualTo(covered);
            assertThat(piece.to()).isGreaterThan(piece.from());
            covered = piece.to();
        }
        assertThat(covered).isEqualTo(end);

        for (Piece cells : plan.cells()) {
            long width = cells.width();
            assertThat(Math.floorMod(cells.from(), width)).isZero();
            assertThat(Math.floorMod(cells.to(), width)).isZero();
            if (!oneBucket) { // every boundary origin + k * period is then a cell boundary of this width
                assertThat(period % width).isZero();
                assertThat(Math.floorMod(origin, width)).isZero();
            }
        }
        long rawLength = plan.raw().stream().mapToLong(p -> p.to() - p.from()).sum();
        assertThat(rawLength).as("raw history is read for less than two minutes").isLessThan(2 * RollupPlan.MINUTE);
    }

    @Provide
    Arbitrary<Long> instants() {
        Arbitrary<Long> any = Arbitraries.longs().between(-100 * RollupPlan.DAY, 100 * RollupPlan.DAY);
        Arbitrary<Long> minutes = Arbitraries.longs().between(-100_000, 100_000).map(m -> m * RollupPlan.MINUTE);
        Arbitrary<Long> hours = Arbitraries.longs().between(-2_000, 2_000).map(h -> h * RollupPlan.HOUR);
        return Arbitraries.oneOf(any, minutes, hours);
    }

    @Provide
    Arbitrary<Long> periods() {
        return Arbitraries.oneOf(Arbitraries.of(Long.MAX_VALUE, 30_000_000L, RollupPlan.MINUTE, 5 * RollupPlan.MINUTE, 7 * RollupPlan.MINUTE,
                RollupPlan.HOUR, 90 * RollupPlan.MINUTE, RollupPlan.DAY, 7 * RollupPlan.DAY, RollupPlan.HOUR + 1),
                Arbitraries.longs().between(1, 3 * RollupPlan.DAY));
    }

    @Provide
    Arbitrary<Long> spans() {
        return Arbitraries.oneOf(Arbitraries.just(Long.MAX_VALUE), Arbitraries.longs().between(1, 40 * RollupPlan.DAY),
                Arbitraries.longs().between(1, 5_000).map(m -> m * RollupPlan.MINUTE));
    }
}
