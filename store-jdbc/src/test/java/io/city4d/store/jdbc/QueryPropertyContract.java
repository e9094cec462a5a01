package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Relationship;
import io.city4d.core.port.Change;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QExpr;
import io.city4d.core.query.QExpr.AttrPath;
import io.city4d.core.query.QValue;
import io.city4d.core.query.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The store answers any q exactly as the in-memory reference ({@link EntityQuery#matcher()}) does, over random
 * entities whose values mix every kind q compares: numbers (with -0.0), strings (with times, characters above
 * U+E000 and beyond the BMP), booleans, arrays, compound values, relationships, geo-properties and sub-attributes;
 * pages and counts agree too.
 */
public abstract class QueryPropertyContract extends StoragePropertyContract {
    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final List<String> NAMES = List.of("a", "b", "c");
    private static final List<String> TYPES = List.of("urn:t:One", "urn:t:Two");
    private static final List<String> STRINGS = List.of("", "x", "xy", "y", "é", "\uFF01", "\uD83D\uDE00", "a\u0000b",
            "2026-01-01T00:00:00Z", "2026-06-01T12:30:00.5Z", "urn:o:1");
    private static final List<Double> NUMBERS = List.of(-1.5, -0.0, 0.0, 2.5);
    private static final List<Instant> TIMES = List.of(Instant.parse("2025-12-31T23:59:59Z"), Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-06-01T12:30:00.5Z"));

    @Property(tries = 60)
    void queriesAnswerAsTheReferenceMatcher(@ForAll("entities") List<Entity> entities, @ForAll("queries") List<EntityQuery> queries) {
        String tenant = "property-" + TENANTS.incrementAndGet() + "-" + System.nanoTime();
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        storage.entities().commit(entities.stream().map(e -> new Change(tenant, null, e, List.of(), now)).toList());
        for (EntityQuery query : queries) {
            List<String> matching = entities.stream().filter(query.matcher()).map(Entity::id).sorted().toList();
            List<String> page = matching.subList(Math.min(query.offset(), matching.size()), Math.min(query.offset() + query.limit(), matching.size()));
            QueryResult result = storage.entities().query(tenant, query);
            assertThat(result.entities()).as(query.toString()).extracting(Entity::id).containsExactlyElementsOf(page);
            assertThat(result.totalCount()).as(query + " count").isEqualTo(query.count() ? matching.size() : -1);
        }
    }

    @Provide
    Arbitrary<List<Entity>> entities() {
        return Combinators.combine(Arbitraries.subsetOf(TYPES).ofMinSize(1), attributes()).as((types, attributes) -> (Object) List.of(types, attributes))
                .list().ofMaxSize(12).map(rows -> {
                    List<Entity> entities = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        List<?> row = (List<?>) rows.get(i);
                        @SuppressWarnings("unchecked") Set<String> types = (Set<String>) row.get(0);
                        @SuppressWarnings("unchecked") Map<String, Attribute> attributes = (Map<String, Attribute>) row.get(1);
                        entities.add(new Entity("urn:x:e" + (char) ('a' + i), new ArrayList<>(new TreeSet<>(types)), attributes, null, null));
                    }
                    return entities;
                });
    }

    private Arbitrary<Map<String, Attribute>> attributes() {
        return attribute().optional(0.7).list().ofSize(NAMES.size()).map(values -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.size(); i++) {
                int index = i;
                values.get(i).ifPresent(a -> attributes.put(NAMES.get(index), a));
            }
            return attributes;
        });
    }

    private Arbitrary<Attribute> attribute() {
        Arbitrary<Attribute> property = Combinators.combine(json(), Arbitraries.of(NUMBERS).optional(0.3))
                .as((value, sub) -> new io.city4d.core.model.Property(value, null, null, null,
                        sub.<Map<String, Attribute>>map(n -> Map.of("s", io.city4d.core.model.Property.of(Json.NODES.numberNode(n), null))).orElse(Map.of()),
                        null, null));
        Arbitrary<Attribute> relationship = Arbitraries.of("urn:o:1", "urn:o:2").map(o -> new Relationship(o, null, null, Map.of(), null, null));
        Arbitrary<Attribute> geo = Arbitraries.of(1.0, 2.0).map(x -> GeoProperty.of(TestTwin.json("{\"type\": \"Point\", \"coordinates\": [" + x + ", 1]}")));
        return Arbitraries.frequencyOf(Tuple.of(8, property), Tuple.of(1, relationship), Tuple.of(1, geo));
    }

    private Arbitrary<JsonNode> json() {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.of(NUMBERS).map(n -> (JsonNode) Json.NODES.numberNode(n)),
                Arbitraries.of(1, 3).map(n -> (JsonNode) Json.NODES.numberNode(n)),
                Arbitraries.of(STRINGS).map(s -> (JsonNode) Json.NODES.textNode(s)),
                Arbitraries.of(true, false).map(b -> (JsonNode) Json.NODES.booleanNode(b)));
        Arbitrary<JsonNode> array = scalar.list().ofMaxSize(3).map(items -> {
            ArrayNode node = Json.NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = scalar.map(v -> {
            ObjectNode node = Json.NODES.objectNode();
            node.set("k", v);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(2, array), Tuple.of(1, object));
    }

    @Provide
    Arbitrary<List<EntityQuery>> queries() {
        Arbitrary<Set<String>> types = Arbitraries.subsetOf(TYPES).injectNull(0.7);
        Arbitrary<Integer> limits = Arbitraries.of(1, 3, EntityQuery.MAX_LIMIT);
        Arbitrary<Integer> offsets = Arbitraries.of(0, 0, 1, 4);
        return Combinators.combine(expression(2), types, limits, offsets, Arbitraries.of(true, false))
                .as((q, t, limit, offset, count) -> new EntityQuery(null, null, t, q, null, null, limit, offset, count))
                .list().ofMinSize(10).ofMaxSize(25);
    }

    private Arbitrary<QExpr> expression(int depth) {
        if (depth == 0) return leaf();
        Arbitrary<QExpr> and = expression(depth - 1).list().ofMinSize(2).ofMaxSize(3).map(QExpr.And::new);
        Arbitrary<QExpr> or = expression(depth - 1).list().ofMinSize(2).ofMaxSize(3).map(QExpr.Or::new);
        return Arbitraries.frequencyOf(Tuple.of(4, leaf()), Tuple.of(1, and), Tuple.of(1, or));
    }

    private Arbitrary<QExpr> leaf() {
        Arbitrary<AttrPath> path = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(NAMES).map(AttrPath::of)),
                Tuple.of(1, Arbitraries.of(NAMES).map(n -> new AttrPath(n, List.of("s"), List.of()))),
                Tuple.of(1, Arbitraries.of(NAMES).map(n -> new AttrPath(n, List.of(), List.of("k")))));
        Arbitrary<QExpr> exists = Combinators.combine(path, Arbitraries.of(true, false)).as(QExpr.Exists::new);
        Arbitrary<QExpr> compare = Combinators.combine(path, Arbitraries.of(QExpr.Op.class), value()).as(QExpr.Compare::new);
        Arbitrary<QExpr> match = Combinators.combine(path, Arbitraries.of("^x", "y$", "\\d", "é|\uFF01"), Arbitraries.of(true, false))
                .as(QExpr.Match::new);
        return Arbitraries.frequencyOf(Tuple.of(2, exists), Tuple.of(6, compare), Tuple.of(1, match));
    }

    private Arbitrary<QValue> value() {
        Arbitrary<QValue> scalar = Arbitraries.oneOf(
                Arbitraries.of(NUMBERS).map(QValue.Num::new),
                Arbitraries.of(STRINGS).map(QValue.Str::new),
                Arbitraries.of(true, false).map(QValue.Bool::new),
                Arbitraries.of(TIMES).map(QValue.Time::new));
        Arbitrary<QValue> list = scalar.list().ofMinSize(2).ofMaxSize(3).map(QValue.ValueList::new);
        Arbitrary<QValue> range = Combinators.combine(scalar, scalar).as(QValue.Range::new);
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, list), Tuple.of(1, range));
    }
}
