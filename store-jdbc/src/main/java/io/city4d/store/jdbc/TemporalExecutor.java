package io.city4d.store.jdbc;

import io.city4d.core.model.Entity;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalQuery.Aggregation;
import io.city4d.core.query.TemporalQuery.Method;
import io.city4d.core.query.TemporalResult;
import io.city4d.core.query.TemporalResult.Bucket;
import io.city4d.core.query.TemporalResult.EntityHistory;
import io.city4d.core.query.TemporalResult.Instance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers temporal queries: the entities come from the entity query (its paging applies to entities), then each
 * series (entity, attribute) is read through the history index on (series_key, at), either as instances or as
 * aggregates per bucket. Aggregates come from the rollup cells of the series where whole cells fit in a bucket, from
 * raw history for the rest and for the unfolded tail (see {@link HistoryRollups}), or from raw history alone with
 * GROUP BY when no cell width fits the buckets or distinctCount is asked for. The caller runs a query in one snapshot,
 * so that the cells, the watermark and the tail agree.
 */
final class TemporalExecutor {
    /** Buckets without a window start begin a whole number of periods after Monday 2000-01-03T00:00:00Z, as TimescaleDB's time_bucket. */
    static final long BUCKET_ORIGIN = 946_857_600_000_000L;
    /** Longer periods (about 30,000 years) start at the first instance instead, so that no bucket index overflows. */
    private static final long LONGEST_ALIGNED_PERIOD = 1_000_000_000_000_000_000L;
    private static final String RAW_BUCKETS = "SELECT (at - ?) / ?, COUNT(*), COUNT(DISTINCT num_value) + COUNT(DISTINCT str_value), "
            + "COUNT(num_value), SUM(num_value), MIN(num_value), MAX(num_value), SUM(num_value * num_value), MAX(at) "
            + "FROM history WHERE series_key = ? AND at >= ? AND at < ? GROUP BY 1 ORDER BY 1";
    private static final String CELLS = "SELECT (start_at - ?) / ? AS bucket, instances, numbers, sum_value, min_value, max_value, "
            + "sumsq_value, last_at FROM history_rollup WHERE series_key = ? AND width = ? AND start_at >= ? AND start_at < ?";
    private static final String INSTANCES = "SELECT (at - ?) / ? AS bucket, 1 AS instances, CASE WHEN num_value IS NULL THEN 0 ELSE 1 END "
            + "AS numbers, num_value AS sum_value, num_value AS min_value, num_value AS max_value, num_value * num_value AS sumsq_value, "
            + "at AS last_at FROM history WHERE %s";
    /** Instances by time, through the (series_key, at) index. */
    private static final String BY_TIME = "series_key = ? AND at >= ? AND at < ?";
    /** Instances by commit order; the + 0 keep the planner from reading them through the (series_key, at) index instead. */
    private static final String BY_ORDER = "%1$s >= ? AND %1$s < ? AND series_key + 0 = ? AND at + 0 >= ? AND at + 0 < ?";
    private static final String MERGED = "SELECT bucket, SUM(instances), NULL, SUM(numbers), SUM(sum_value), MIN(min_value), "
            + "MAX(max_value), SUM(sumsq_value), MAX(last_at) FROM (%s) parts GROUP BY bucket ORDER BY bucket";

    private final EntityQueryExecutor entities;
    private final HistoryOrder order;

    TemporalExecutor(EntityQueryExecutor entities, HistoryOrder order) {
        this.entities = entities;
        this.order = order;
    }

    /** A series of one attribute instance; {@code datasetId} is null for the default instance. */
    private record Series(long key, String entityId, String attribute, String datasetId) {}

    /** The history; aggregates come from the rollups when {@code fromRollups}, else from raw history alone (the reference). */
    TemporalResult query(Connection connection, String tenant, TemporalQuery query, boolean fromRollups) throws SQLException {
        EntityQuery selection = query.entities();
        List<Entity> selected = entities.query(connection, tenant, new EntityQuery(selection.ids(), selection.idPattern(),
                selection.types(), selection.q(), selection.geo(), selection.scopeQ(), selection.attrs(), selection.limit(), selection.offset(), false)).entities();
        if (selected.isEmpty()) return new TemporalResult(List.of());
        Map<String, List<Series>> seriesByEntity = series(connection, tenant, selected, query);
        long from = query.from() == null ? Long.MIN_VALUE : Micros.of(query.from());
        long to = query.to() == null ? Long.MAX_VALUE : Micros.of(query.to());
        boolean rollups = fromRollups && query.aggregation() != null && !query.aggregation().methods().contains(Method.DISTINCT_COUNT);
        long[] unfolded = rollups ? HistoryRollups.unfoldedRange(connection, order) : null;
        List<EntityHistory> histories = new ArrayList<>();
        for (Entity entity : selected) {
            Map<String, List<Instance>> instances = new LinkedHashMap<>();
            Map<String, List<Bucket>> aggregates = new LinkedHashMap<>();
            for (Series series : seriesByEntity.getOrDefault(entity.id(), List.of())) {
                if (query.aggregation() != null) {
                    aggregates.computeIfAbsent(series.attribute, a -> new ArrayList<>())
                            .addAll(buckets(connection, series, from, to, query.aggregation(), unfolded));
                } else {
                    List<Instance> found = instances(connection, series, from, to, query.lastN());
                    if (!found.isEmpty()) instances.computeIfAbsent(series.attribute, a -> new ArrayList<>()).addAll(found);
                }
            }
            histories.add(new EntityHistory(entity.id(), entity.types(), instances, aggregates));
        }
        return new TemporalResult(histories);
    }

    private static Map<String, List<Series>> series(Connection connection, String tenant, List<Entity> selected, TemporalQuery query)
            throws SQLException {
        SqlFragment where = SqlFragment.of("s.tenant = ?", tenant).and(SqlFragment.in("s.entity_id", selected.stream().map(Entity::id).toList()));
        if (query.attrs() != null) where = where.and(SqlFragment.in("s.attr", query.attrs()));
        Map<String, List<Series>> byEntity = new LinkedHashMap<>();
        Jdbc.list(connection, where.inside("SELECT s.key, s.entity_id, s.attr, s.dataset_id FROM series s WHERE %s ORDER BY s.entity_id, s.attr, s.dataset_id"),
                row -> byEntity.computeIfAbsent(row.getString(2), id -> new ArrayList<>()).add(new Series(row.getLong(1), row.getString(2), row.getString(3),
                        row.getString(4).isEmpty() ? null : row.getString(4))));
        return byEntity;
    }

    private static List<Instance> instances(Connection connection, Series series, long from, long to, Integer lastN) throws SQLException {
        String order = lastN != null ? "DESC" : "ASC";
        int limit = lastN != null ? lastN : TemporalQuery.MAX_INSTANCES;
        List<Instance> instances = Jdbc.list(connection, SqlFragment.of(
                "SELECT at, body, id FROM history WHERE series_key = ? AND at >= ? AND at < ? ORDER BY at " + order + " LIMIT ?",
                series.key, from, to, limit), row -> new Instance(row.getLong(3), EntityCodec.parse(row.getString(2)), Micros.toInstant(row.getLong(1))));
        if (lastN == null) return instances;
        List<Instance> ascending = new ArrayList<>(instances);
        Collections.reverse(ascending);
        return ascending;
    }

    /**
     * Buckets of the aggregation period from the window's start; without one, from the first instance when there is no
     * period, else from the last period boundary (counted from {@link #BUCKET_ORIGIN}) at or before the first instance.
     * {@code unfolded} is the range of the commit order not folded yet, or null to aggregate raw history alone.
     */
    private List<Bucket> buckets(Connection connection, Series series, long from, long to, Aggregation aggregation, long[] unfolded)
            throws SQLException {
        long period = aggregation.period() == null ? Long.MAX_VALUE : micros(aggregation.period());
        long origin = from;
        if (from == Long.MIN_VALUE) {
            List<Long> first = Jdbc.list(connection, SqlFragment.of("SELECT MIN(at) FROM history WHERE series_key = ? AND at < ?", series.key, to),
                    row -> row.getObject(1) == null ? null : row.getLong(1));
            if (first.get(0) == null) return List.of();
            origin = aligned(first.get(0), period);
        }
        long start = origin;
        return Jdbc.list(connection, statement(series.key, origin, period, to, unfolded), row -> bucket(row, series.datasetId, start, period, to, aggregation));
    }

    /** The statement of a series' buckets over [origin, to): from the rollups when a cell width fits and {@code unfolded} is given. */
    SqlFragment statement(long series, long origin, long period, long to, long[] unfolded) {
        RollupPlan plan = unfolded == null ? null : RollupPlan.of(origin, period, to);
        return plan == null ? SqlFragment.of(RAW_BUCKETS, origin, period, series, origin, to) : fromRollups(plan, series, origin, period, unfolded);
    }

    private static long aligned(long first, long period) {
        if (period > LONGEST_ALIGNED_PERIOD) return first;
        try {
            return Math.subtractExact(first, Math.floorMod(Math.subtractExact(first, BUCKET_ORIGIN), period));
        } catch (ArithmeticException e) {
            return first;
        }
    }

    /** The cells of the plan, its raw pieces, and the unfolded rows inside the cells' span. */
    private SqlFragment fromRollups(RollupPlan plan, long series, long origin, long period, long[] unfolded) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (RollupPlan.Piece cells : plan.cells()) {
            parts.add(CELLS);
            params.addAll(List.of(origin, period, series, cells.width(), cells.from(), cells.to()));
        }
        for (RollupPlan.Piece raw : plan.raw()) {
            parts.add(INSTANCES.formatted(BY_TIME));
            params.addAll(List.of(origin, period, series, raw.from(), raw.to()));
        }
        long[] span = plan.cellSpan();
        if (span != null) {
            parts.add(INSTANCES.formatted(BY_ORDER.formatted(order.column())));
            params.addAll(List.of(origin, period, unfolded[0], unfolded[1], series, span[0], span[1]));
        }
        return new SqlFragment(MERGED.formatted(String.join(" UNION ALL ", parts)), params);
    }

    /** A bucket from a row of: index, count, distinct count, count of numbers, sum, min, max, sum of squares, last instant. */
    private static Bucket bucket(ResultSet row, String datasetId, long origin, long period, long windowEnd, Aggregation aggregation) throws SQLException {
        long index = row.getLong(1);
        long bucketStart = saturatedAdd(origin, saturatedMultiply(index, period));
        long bucketEnd = aggregation.period() == null && windowEnd == Long.MAX_VALUE
                ? row.getLong(9) + 1 // no end given: the bucket closes just after the last instance
                : Math.min(saturatedAdd(bucketStart, period), windowEnd);
        long numbers = row.getLong(4);
        Double sum = Jdbc.nullableDouble(row, 5);
        Double sumOfSquares = Jdbc.nullableDouble(row, 8);
        Map<Method, Double> values = new EnumMap<>(Method.class);
        for (Method method : aggregation.methods()) {
            values.put(method, finiteOrNull(switch (method) {
                case TOTAL_COUNT -> (double) row.getLong(2);
                case DISTINCT_COUNT -> (double) row.getLong(3);
                case SUM -> sum;
                case AVG -> numbers == 0 || sum == null ? null : sum / numbers;
                case MIN -> Jdbc.nullableDouble(row, 6);
                case MAX -> Jdbc.nullableDouble(row, 7);
                // the population standard deviation of the bucket's numbers
                case STDDEV -> numbers == 0 || sum == null || sumOfSquares == null ? null
                        : Math.sqrt(Math.max(0, sumOfSquares / numbers - (sum / numbers) * (sum / numbers)));
                case SUMSQ -> sumOfSquares;
            }));
        }
        return new Bucket(datasetId, Micros.toInstant(bucketStart), Micros.toInstant(bucketEnd), values);
    }

    /**
     * An aggregate JSON can carry: sums and squares of large numbers overflow to infinity, and the infinities that
     * earlier versions stored for numbers such as 1e999 sum to NaN (SQLite's SUM gives NULL), none of which is a JSON
     * number. Such an aggregate has no value.
     */
    private static Double finiteOrNull(Double value) {
        return value == null || Double.isFinite(value) ? value : null;
    }

    private static long micros(Duration duration) {
        try {
            return Math.max(1, Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : (a < 0 == b < 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
    }
}
