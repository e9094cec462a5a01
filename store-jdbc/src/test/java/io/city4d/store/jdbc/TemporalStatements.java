package io.city4d.store.jdbc;

import java.util.Map;

/** Gives adapter tests the SQL that aggregates a series, so that they can check its plan reads indexes only. */
public final class TemporalStatements {
    /** A series' first instance, for {@link #of}; the tests write their history from here. */
    public static final long ORIGIN = RollupPlan.DAY * 20_000;

    private TemporalStatements() {}

    /** By name: hourly buckets from the rollups (with the unfolded tail and a window end inside a minute), and from raw history. */
    public static Map<String, SqlFragment> of(SqlDialect dialect, long series) {
        TemporalExecutor executor = new TemporalExecutor(new EntityQueryExecutor(dialect), dialect.historyOrder());
        long end = ORIGIN + 30 * RollupPlan.HOUR + 17_000_000L;
        return Map.of("from rollups", executor.statement(series, ORIGIN, RollupPlan.HOUR, end, new long[] {1, Long.MAX_VALUE}),
                "from raw history", executor.statement(series, ORIGIN + 7, RollupPlan.HOUR, end, new long[] {1, Long.MAX_VALUE}));
    }
}
