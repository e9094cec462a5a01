package io.city4d.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What one cell of a series' rollup holds: the instances of [start, start + width), how many of them are numbers, and
 * the sum, minimum, maximum and sum of squares of those numbers (null when there are none), and the last instant.
 */
record RollupCell(long seriesKey, long width, long start, long instances, long numbers, Double sum, Double min, Double max,
                  Double sumOfSquares, long lastAt) {

    record Key(long seriesKey, long width, long start) {}

    /** The columns that {@link #read} maps, after series_key and the cell start. */
    static final String AGGREGATES = "COUNT(*), COUNT(num_value), SUM(num_value), MIN(num_value), MAX(num_value), "
            + "SUM(num_value * num_value), MAX(at)";

    static final String UPSERT = "INSERT INTO history_rollup (series_key, width, start_at, instances, numbers, sum_value, min_value, "
            + "max_value, sumsq_value, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_key, width, start_at) DO UPDATE SET "
            + "instances = history_rollup.instances + excluded.instances, "
            + "numbers = history_rollup.numbers + excluded.numbers, "
            + "sum_value = COALESCE(history_rollup.sum_value + excluded.sum_value, history_rollup.sum_value, excluded.sum_value), "
            + "min_value = CASE WHEN excluded.min_value < history_rollup.min_value THEN excluded.min_value "
            + "ELSE COALESCE(history_rollup.min_value, excluded.min_value) END, "
            + "max_value = CASE WHEN excluded.max_value > history_rollup.max_value THEN excluded.max_value "
            + "ELSE COALESCE(history_rollup.max_value, excluded.max_value) END, "
            + "sumsq_value = COALESCE(history_rollup.sumsq_value + excluded.sumsq_value, history_rollup.sumsq_value, excluded.sumsq_value), "
            + "last_at = CASE WHEN excluded.last_at > history_rollup.last_at THEN excluded.last_at ELSE history_rollup.last_at END";

    /** A cell of the given width from a row of series_key, start and {@link #AGGREGATES}. */
    static RollupCell read(ResultSet row, long width) throws SQLException {
        return new RollupCell(row.getLong(1), width, row.getLong(2), row.getLong(3), row.getLong(4), Jdbc.nullableDouble(row, 5),
                Jdbc.nullableDouble(row, 6), Jdbc.nullableDouble(row, 7), Jdbc.nullableDouble(row, 8), row.getLong(9));
    }

    Key key() {
        return new Key(seriesKey, width, start);
    }

    /** This cell's instances counted in the wider cell that contains it. */
    RollupCell within(long widerWidth) {
        return new RollupCell(seriesKey, widerWidth, RollupPlan.floor(start, widerWidth), instances, numbers, sum, min, max, sumOfSquares, lastAt);
    }

    RollupCell plus(RollupCell other) {
        return new RollupCell(seriesKey, width, start, instances + other.instances, numbers + other.numbers, add(sum, other.sum),
                least(min, other.min), greatest(max, other.max), add(sumOfSquares, other.sumOfSquares), Math.max(lastAt, other.lastAt));
    }

    void bindUpsert(PreparedStatement upsert) throws SQLException {
        upsert.setLong(1, seriesKey);
        upsert.setLong(2, width);
        upsert.setLong(3, start);
        upsert.setLong(4, instances);
        upsert.setLong(5, numbers);
        bindDouble(upsert, 6, sum);
        bindDouble(upsert, 7, min);
        bindDouble(upsert, 8, max);
        bindDouble(upsert, 9, sumOfSquares);
        upsert.setLong(10, lastAt);
    }

    private static void bindDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) statement.setNull(index, Types.DOUBLE);
        else statement.setDouble(index, value);
    }

    private static Double add(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }

    private static Double least(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.min(a, b));
    }

    private static Double greatest(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(Math.max(a, b));
    }
}
