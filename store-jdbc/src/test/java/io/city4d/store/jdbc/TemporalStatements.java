package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/** Gives adapter tests the SQL that aggregates a series, so that they can check its plan reads indexes only. */
public final class TemporalStatements {
    /** A series' first instance, for {@link #of}; the tests write their history from here. */
    public static final long ORIGIN = RollupPlan.DAY * 20_000;

    private TemporalStatements() {}

    /** The steps a database's plans name when it scans history, reads it by series and time, reads cells, and reads it by commit order. */
    public record PlanSteps(String explain, String column, String historyScan, String byTime, String cells, String byOrder) {}

    /** Both statements of {@link #of} read history by series and time and never scan it; the one from rollups reads cells and the tail by commit order. */
    public static void assertIndexed(SqlDialect dialect, Connection connection, PlanSteps steps) {
        of(dialect, 1).forEach((name, statement) -> {
            List<String> plan = PlannedQueries.plan(connection, steps.explain(), statement, steps.column());
            assertThat(plan).as(name + ": " + plan).noneMatch(step -> step.contains(steps.historyScan())).anyMatch(step -> step.contains(steps.byTime()));
            if (name.equals("from rollups")) {
                assertThat(plan).as(name + ": " + plan).anyMatch(step -> step.contains(steps.cells())).anyMatch(step -> step.contains(steps.byOrder()));
            }
        });
    }

    /** By name: hourly buckets from the rollups (with the unfolded tail and a window end inside a minute), and from raw history. */
    public static Map<String, SqlFragment> of(SqlDialect dialect, long series) {
        TemporalExecutor executor = new TemporalExecutor(new EntityQueryExecutor(dialect), dialect.historyOrder());
        long end = ORIGIN + 30 * RollupPlan.HOUR + 17_000_000L;
        return Map.of("from rollups", executor.statement(series, ORIGIN, RollupPlan.HOUR, end, new long[] {1, Long.MAX_VALUE}),
                "from raw history", executor.statement(series, ORIGIN + 7, RollupPlan.HOUR, end, new long[] {1, Long.MAX_VALUE}));
    }
}
