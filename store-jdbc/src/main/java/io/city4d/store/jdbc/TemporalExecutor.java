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
 * aggregates per bucket computed by the database with GROUP BY.
 */
final class TemporalExecutor {
    private final EntityQueryExecutor entities;

    TemporalExecutor(EntityQueryExecutor entities) {
        this.entities = entities;
    }

    private record Series(long key, String entityId, String attribute) {}

    TemporalResult query(Connection connection, String tenant, TemporalQuery query) throws SQLException {
        EntityQuery selection = query.entities();
        List<Entity> selected = entities.query(connection, tenant, new EntityQuery(selection.ids(), selection.idPattern(),
                selection.types(), selection.q(), selection.geo(), selection.attrs(), selection.limit(), selection.offset(), false)).entities();
        if (selected.isEmpty()) return new TemporalResult(List.of());
        Map<String, List<Series>> seriesByEntity = series(connection, tenant, selected, query);
        long from = query.from() == null ? Long.MIN_VALUE : Micros.of(query.from());
        long to = query.to() == null ? Long.MAX_VALUE : Micros.of(query.to());
        List<EntityHistory> histories = new ArrayList<>();
        for (Entity entity : selected) {
            Map<String, List<Instance>> instances = new LinkedHashMap<>();
            Map<String, List<Bucket>> aggregates = new LinkedHashMap<>();
            for (Series series : seriesByEntity.getOrDefault(entity.id(), List.of())) {
                if (query.aggregation() != null) {
                    aggregates.put(series.attribute, buckets(connection, series, from, to, query.aggregation()));
                } else {
                    instances.put(series.attribute, instances(connection, series, from, to, query.lastN()));
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
        Jdbc.list(connection, where.inside("SELECT s.key, s.entity_id, s.attr FROM series s WHERE %s ORDER BY s.entity_id, s.attr"),
                row -> byEntity.computeIfAbsent(row.getString(2), id -> new ArrayList<>()).add(new Series(row.getLong(1), row.getString(2), row.getString(3))));
        return byEntity;
    }

    private static List<Instance> instances(Connection connection, Series series, long from, long to, Integer lastN) throws SQLException {
        String order = lastN != null ? "DESC" : "ASC";
        int limit = lastN != null ? lastN : TemporalQuery.MAX_INSTANCES;
        List<Instance> instances = Jdbc.list(connection, SqlFragment.of(
                "SELECT at, body FROM history WHERE series_key = ? AND at >= ? AND at < ? ORDER BY at " + order + " LIMIT ?",
                series.key, from, to, limit), row -> new Instance(EntityCodec.parse(row.getString(2)), Micros.toInstant(row.getLong(1))));
        if (lastN == null) return instances;
        List<Instance> ascending = new ArrayList<>(instances);
        Collections.reverse(ascending);
        return ascending;
    }

    /** Buckets of the aggregation period from the window's start, or from the series' first instance when it has none. */
    private static List<Bucket> buckets(Connection connection, Series series, long from, long to, Aggregation aggregation) throws SQLException {
        long origin = from;
        if (from == Long.MIN_VALUE) {
            List<Long> first = Jdbc.list(connection, SqlFragment.of("SELECT MIN(at) FROM history WHERE series_key = ? AND at < ?", series.key, to),
                    row -> row.getObject(1) == null ? null : row.getLong(1));
            if (first.get(0) == null) return List.of();
            origin = first.get(0);
        }
        long period = aggregation.period() == null ? Long.MAX_VALUE : micros(aggregation.period());
        long start = origin;
        return Jdbc.list(connection, SqlFragment.of("SELECT (at - ?) / ?, COUNT(*), COUNT(DISTINCT num_value), COUNT(DISTINCT str_value), "
                + "COUNT(num_value), SUM(num_value), MIN(num_value), MAX(num_value), SUM(num_value * num_value), MAX(at) "
                + "FROM history WHERE series_key = ? AND at >= ? AND at < ? GROUP BY 1 ORDER BY 1",
                origin, period, series.key, origin, to), row -> bucket(row, start, period, to, aggregation));
    }

    private static Bucket bucket(ResultSet row, long origin, long period, long windowEnd, Aggregation aggregation) throws SQLException {
        long index = row.getLong(1);
        long bucketStart = saturatedAdd(origin, saturatedMultiply(index, period));
        long bucketEnd = aggregation.period() == null && windowEnd == Long.MAX_VALUE
                ? row.getLong(10) + 1 // no end given: the bucket closes just after the last instance
                : Math.min(saturatedAdd(bucketStart, period), windowEnd);
        long numbers = row.getLong(5);
        Double sum = Jdbc.nullableDouble(row, 6);
        Double sumOfSquares = Jdbc.nullableDouble(row, 9);
        Map<Method, Double> values = new EnumMap<>(Method.class);
        for (Method method : aggregation.methods()) {
            values.put(method, switch (method) {
                case TOTAL_COUNT -> (double) row.getLong(2);
                case DISTINCT_COUNT -> (double) (row.getLong(3) + row.getLong(4));
                case SUM -> sum;
                case AVG -> numbers == 0 ? null : sum / numbers;
                case MIN -> Jdbc.nullableDouble(row, 7);
                case MAX -> Jdbc.nullableDouble(row, 8);
                // the population standard deviation of the bucket's numbers
                case STDDEV -> numbers == 0 ? null : Math.sqrt(Math.max(0, sumOfSquares / numbers - (sum / numbers) * (sum / numbers)));
                case SUMSQ -> sumOfSquares;
            });
        }
        return new Bucket(Micros.toInstant(bucketStart), Micros.toInstant(bucketEnd), values);
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
