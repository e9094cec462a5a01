package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

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

    @Property(tries = 40)
    void aggregatesFromRollupsEqualThoseFromRawHistory(@ForAll("commits") List<Commit> commits, @ForAll("queries") List<TemporalQuery> queries)
            throws Exception {
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

    @Provide
    Arbitrary<List<Commit>> commits() {
        Arbitrary<HistoryPoint> point = Combinators.combine(instants(), values()).as((at, value) ->
                new HistoryPoint(ATTRIBUTE, io.city4d.core.model.Property.of(value, at), at));
        Arbitrary<Commit> commit = Combinators.combine(point.list().ofMaxSize(150), Arbitraries.of(true, false)).as(Commit::new);
        return commit.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<TemporalQuery>> queries() {
        Arbitrary<Instant[]> window = Arbitraries.oneOf(Arbitraries.just(new Instant[2]), instants().map(t -> new Instant[] {t, null}),
                instants().map(t -> new Instant[] {null, t}), Combinators.combine(instants(), instants()).filter((a, b) -> a.isBefore(b))
                        .as((a, b) -> new Instant[] {a, b}));
        Arbitrary<Duration> period = Arbitraries.oneOf(Arbitraries.of(PERIODS), Arbitraries.just(null));
        Arbitrary<List<Method>> methods = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(Method.values()).filter(m -> m != Method.DISTINCT_COUNT).list().ofMinSize(1).ofMaxSize(4).uniqueElements()),
                Tuple.of(1, Arbitraries.of(Method.values()).list().ofMinSize(1).ofMaxSize(8).uniqueElements()));
        return Combinators.combine(window, period, methods).as((w, p, m) -> new TemporalQuery(EntityQuery.byIds(Set.of("urn:x:s")),
                Set.of(ATTRIBUTE), w[0], w[1], null, new Aggregation(m, p))).list().ofMinSize(1).ofMaxSize(6);
    }

    /** Instants over three days from T0, many of them on or next to minute and hour boundaries. */
    private static Arbitrary<Instant> instants() {
        Arbitrary<Long> micros = Arbitraries.longs().between(-RollupPlan.DAY, 3 * RollupPlan.DAY);
        Arbitrary<Long> minutes = Arbitraries.longs().between(-1440, 3 * 1440).map(m -> m * RollupPlan.MINUTE);
        Arbitrary<Long> hours = Arbitraries.longs().between(-24, 72).map(h -> h * RollupPlan.HOUR);
        Arbitrary<Long> nearBoundary = Combinators.combine(Arbitraries.oneOf(minutes, hours), Arbitraries.of(-1L, 1L, 999_999L)).as(Long::sum);
        return Arbitraries.oneOf(micros, minutes, hours, nearBoundary).map(offset -> T0.plus(offset, ChronoUnit.MICROS));
    }

    private static Arbitrary<JsonNode> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(-4000, 4000).map(k -> Json.NODES.numberNode(k / 4.0))),
                Tuple.of(1, Arbitraries.of("low", "high", "").map(Json.NODES::textNode)),
                Tuple.of(1, Arbitraries.of(true, false).map(Json.NODES::booleanNode)));
    }
}
