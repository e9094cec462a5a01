package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.city4d.store.jdbc.RollupPlan.Piece;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** A plan's pieces tile the aggregation's range exactly, and no rollup cell it reads straddles a bucket boundary. */
class RollupPlanTest {
    @Test
    void piecesTileTheRangeAndCellsStayInsideBuckets() {
        qt().withExamples(2000).forAll(instants(), periods(), spans()).checkAssert(RollupPlanTest::tilesTheRange);
    }

    private static void tilesTheRange(long origin, long period, long span) {
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

    private static Gen<Long> instants() {
        Gen<Long> any = longs().between(-100 * RollupPlan.DAY, 100 * RollupPlan.DAY);
        Gen<Long> minutes = longs().between(-100_000, 100_000).map(m -> m * RollupPlan.MINUTE);
        Gen<Long> hours = longs().between(-2_000, 2_000).map(h -> h * RollupPlan.HOUR);
        return Generate.oneOf(any, minutes, hours);
    }

    private static Gen<Long> periods() {
        return Generate.oneOf(Generate.pick(List.of(Long.MAX_VALUE, 30_000_000L, RollupPlan.MINUTE, 5 * RollupPlan.MINUTE, 7 * RollupPlan.MINUTE,
                RollupPlan.HOUR, 90 * RollupPlan.MINUTE, RollupPlan.DAY, 7 * RollupPlan.DAY, RollupPlan.HOUR + 1)),
                longs().between(1, 3 * RollupPlan.DAY));
    }

    private static Gen<Long> spans() {
        return Generate.oneOf(Generate.constant(Long.MAX_VALUE), longs().between(1, 40 * RollupPlan.DAY),
                longs().between(1, 5_000).map(m -> m * RollupPlan.MINUTE));
    }
}
