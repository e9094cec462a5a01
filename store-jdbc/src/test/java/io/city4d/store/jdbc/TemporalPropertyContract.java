package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Json;
import io.city4d.core.port.Change;
import io.city4d.core.port.Change.HistoryPoint;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalQuery.Aggregation;
import io.city4d.core.query.TemporalQuery.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Aggregates served from rollups equal those computed from raw history alone, whatever has been folded: over random
 * series written in several commits (instants out of order, late points before folded ones, instants on and next to
 * minute and hour boundaries, numbers mixed with text), random windows, periods and methods, before and after the
 * fold catches up. The numbers are multiples of 1/4 small enough that every sum is exact in binary, so the answers
 * must be identical to the bit, whatever order the sums were added in.
 */
public abstract class TemporalPropertyContract extends StoragePropertyContract {
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ATTRIBUTE = "v";
    private static final List<Duration> PERIODS = List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(7), Duration.ofHours(1), Duration.ofMinutes(90), Duration.ofHours(2), Duration.ofDays(1), Duration.ofDays(2),
            Duration.ofHours(1).plusNanos(1_000));

    record Commit(List<HistoryPoint> points, boolean foldAfter) {}

    @Test
    void aggregatesFromRollupsEqualThoseFromRawHistory() {
        qt().withExamples(40).withShrinkCycles(400).forAll(commits(), queries()).checkAssert((commits, queries) -> {
            try {
                agreeBeforeAndAfterTheFold(commits, queries);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private void agreeBeforeAndAfterTheFold(List<Commit> commits, List<TemporalQuery> queries) throws Exception {
        String tenant = "rollups-" + TENANTS.incrementAndGet() + "-" + System.nanoTime();
        JdbcEntityStore entities = (JdbcEntityStore) storage.entities();
        HistoryRollups rollups = ((JdbcStorage) storage).rollups();
        try (AutoCloseable paused = rollups.pause()) {
            Entity series = new TestTwin(entities, tenant).create("{\"id\": \"urn:x:s\", \"type\": \"urn:t:Series\"}");
            for (Commit commit : commits) {
                entities.commit(List.of(new Change(tenant, series, series, commit.points(), T0)));
                if (commit.foldAfter()) rollups.catchUp();
            }
            assertAgree(entities, tenant, queries);
            rollups.catchUp();
            assertThat(rollups.unfolded()).isZero();
            assertAgree(entities, tenant, queries);
        }
    }

    private static void assertAgree(JdbcEntityStore entities, String tenant, List<TemporalQuery> queries) {
        for (TemporalQuery query : queries) {
            assertThat(entities.temporal(tenant, query)).as(describe(query)).isEqualTo(entities.temporalFromHistory(tenant, query));
        }
    }

    private static String describe(TemporalQuery query) {
        return "from " + query.from() + " to " + query.to() + " per " + query.aggregation().period() + " " + query.aggregation().methods();
    }

    private static Gen<List<Commit>> commits() {
        Gen<HistoryPoint> point = instants().zip(values(), (at, value) -> new HistoryPoint(ATTRIBUTE, io.city4d.core.model.Property.of(value, at), at));
        Gen<Commit> commit = lists().of(point).ofSizeBetween(0, 150).zip(Generate.booleans(), Commit::new);
        return lists().of(commit).ofSizeBetween(1, 3);
    }

    private static Gen<List<TemporalQuery>> queries() {
        Gen<Instant[]> window = Generate.oneOf(Generate.constant(() -> new Instant[2]), instants().map(t -> new Instant[] {t, null}),
                instants().map(t -> new Instant[] {null, t}),
                instants().zip(instants(), TemporalPropertyContract::window));
        Gen<Duration> period = Generate.oneOf(Generate.pick(PERIODS), Generate.constant((Duration) null));
        List<Method> withoutDistinctCount = Arrays.stream(Method.values()).filter(m -> m != Method.DISTINCT_COUNT).toList();
        Gen<List<Method>> methods = Generate.frequency(
                Pair.of(6, Generators.distinct(Generate.pick(withoutDistinctCount), 1, 4)),
                Pair.of(1, Generators.distinct(Generate.enumValues(Method.class), 1, 8)));
        Gen<TemporalQuery> query = window.zip(period, methods, (w, p, m) -> new TemporalQuery(EntityQuery.byIds(Set.of("urn:x:s")),
                Set.of(ATTRIBUTE), w[0], w[1], null, new Aggregation(m, p)));
        return lists().of(query).ofSizeBetween(1, 6);
    }

    /** The window between two instants, earlier first; from an instant to a microsecond later when they are the same. */
    private static Instant[] window(Instant a, Instant b) {
        if (a.equals(b)) return new Instant[] {a, a.plus(1, ChronoUnit.MICROS)};
        return a.isBefore(b) ? new Instant[] {a, b} : new Instant[] {b, a};
    }

    /** Instants over three days from T0, many of them on or next to minute and hour boundaries. */
    private static Gen<Instant> instants() {
        Gen<Long> micros = longs().between(-RollupPlan.DAY, 3 * RollupPlan.DAY);
        Gen<Long> minutes = longs().between(-1440, 3 * 1440).map(m -> m * RollupPlan.MINUTE);
        Gen<Long> hours = longs().between(-24, 72).map(h -> h * RollupPlan.HOUR);
        Gen<Long> nearBoundary = Generate.oneOf(minutes, hours).zip(Generate.pick(List.of(-1L, 1L, 999_999L)), Long::sum);
        return Generate.oneOf(micros, minutes, hours, nearBoundary).map(offset -> T0.plus(offset, ChronoUnit.MICROS));
    }

    private static Gen<JsonNode> values() {
        return Generate.frequency(
                Pair.of(8, integers().between(-4000, 4000).map(k -> (JsonNode) Json.NODES.numberNode(k / 4.0))),
                Pair.of(1, Generate.pick(List.of("low", "high", "")).map(t -> (JsonNode) Json.NODES.textNode(t))),
                Pair.of(1, Generate.booleans().map(b -> (JsonNode) Json.NODES.booleanNode(b))));
    }
}
