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
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QExpr;
import io.city4d.core.query.QExpr.AttrPath;
import io.city4d.core.query.QValue;
import io.city4d.core.query.QueryResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * The store answers any query exactly as the in-memory reference ({@link EntityQuery#matcher()}) does, over random
 * entities whose values mix every kind q compares: numbers (with -0.0), strings (with times, characters above
 * U+E000 and beyond the BMP), booleans, arrays, compound values, relationships, geo-properties and sub-attributes;
 * pages and counts agree too. The entities are created, then some are changed or deleted, so that the counts the
 * store keeps to plan with (how many entities hold several values in an attribute, which types carry it) change under
 * it. In some tenants an attribute never holds an array, so that q terms on it merge into one range; in some only
 * entities of one type carry an attribute, so that the type need not be checked; and the queries mix q with range pairs,
 * types, attrs, id patterns, ids and geo-queries.
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
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final int MAX_ENTITIES = 12;

    /**
     * What a tenant holds: entities as created, then changes, each replacing the attributes of the entity at an index
     * (empty: deleting it). Names in {@code scalarOnly} never hold an array; when {@code cOnlyOnOne}, only entities of
     * type One carry attribute c.
     */
    record Scenario(List<Entity> created, List<Tuple.Tuple2<Integer, Optional<Map<String, Attribute>>>> changes, Set<String> scalarOnly,
                    boolean cOnlyOnOne) {}

    @Property(tries = 60)
    void queriesAnswerAsTheReferenceMatcher(@ForAll("scenarios") Scenario scenario, @ForAll("queries") List<EntityQuery> queries) {
        assertAnswers(scenario, queries);
    }

    /**
     * A lower and an upper bound on a numeric attribute that some entities hold as arrays, which change to single
     * values and back: the terms merge into one index range only while no entity holds several values.
     */
    @Property(tries = 150)
    void rangePairsAnswerAsTheReferenceMatcher(@ForAll("numericScenarios") Scenario scenario, @ForAll("rangePairs") List<EntityQuery> queries) {
        assertAnswers(scenario, queries);
    }

    private void assertAnswers(Scenario scenario, List<EntityQuery> queries) {
        String tenant = "property-" + TENANTS.incrementAndGet() + "-" + System.nanoTime();
        List<Entity> entities = new ArrayList<>();
        for (Entity entity : scenario.created()) entities.add(shaped(entity, entity.attributes(), scenario));
        storage.entities().commit(entities.stream().map(e -> new Change(tenant, null, e, List.of(), NOW)).toList());
        List<Change> changes = new ArrayList<>();
        for (var change : scenario.changes()) {
            int index = change.get1();
            if (index >= entities.size() || entities.get(index) == null) continue;
            Entity before = entities.get(index);
            Entity after = change.get2().map(attributes -> shaped(before, attributes, scenario)).orElse(null);
            changes.add(new Change(tenant, before, after, List.of(), NOW));
            entities.set(index, after);
        }
        storage.entities().commit(changes);
        List<Entity> current = entities.stream().filter(Objects::nonNull).toList();
        for (EntityQuery query : queries) {
            List<String> matching = current.stream().filter(query.matcher()).map(Entity::id).sorted().toList();
            List<String> page = matching.subList(Math.min(query.offset(), matching.size()), Math.min(query.offset() + query.limit(), matching.size()));
            QueryResult result = storage.entities().query(tenant, query);
            assertThat(result.entities()).as(query.toString()).extracting(Entity::id).containsExactlyElementsOf(page);
            assertThat(result.totalCount()).as(query + " count").isEqualTo(query.count() ? matching.size() : -1);
        }
    }

    /** The entity with these attributes, shaped as the scenario wants them. */
    private static Entity shaped(Entity entity, Map<String, Attribute> attributes, Scenario scenario) {
        Map<String, Attribute> kept = new LinkedHashMap<>();
        attributes.forEach((name, attribute) -> {
            if (name.equals("c") && scenario.cOnlyOnOne() && !entity.types().contains(TYPES.get(0))) return;
            kept.put(name, scenario.scalarOnly().contains(name) ? withoutArray(attribute) : attribute);
        });
        return new Entity(entity.id(), entity.types(), kept, null, null);
    }

    /** A property whose value is an array becomes one holding the array's first element, or an empty string. */
    private static Attribute withoutArray(Attribute attribute) {
        if (!(attribute instanceof io.city4d.core.model.Property p) || !p.value().isArray()) return attribute;
        JsonNode first = p.value().isEmpty() ? Json.NODES.textNode("") : p.value().get(0);
        return new io.city4d.core.model.Property(first, p.unitCode(), p.observedAt(), p.datasetId(), p.subAttributes(), null, null);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Entity>> created = entities(attributes(), 0);
        Arbitrary<Tuple.Tuple2<Integer, Optional<Map<String, Attribute>>>> change = Combinators.combine(
                Arbitraries.integers().between(0, MAX_ENTITIES - 1), attributes().optional(0.8)).as(Tuple::of);
        return Combinators.combine(created, change.list().ofMaxSize(6), Arbitraries.subsetOf(NAMES), Arbitraries.of(true, false)).as(Scenario::new);
    }

    @Provide
    Arbitrary<Scenario> numericScenarios() {
        Arbitrary<JsonNode> number = Arbitraries.integers().between(0, 4).map(n -> (JsonNode) Json.NODES.numberNode(n));
        Arbitrary<JsonNode> numbers = number.list().ofMinSize(2).ofMaxSize(3).map(items -> {
            ArrayNode node = Json.NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        // arrays are rarer at first than in the changes, so that the changes often bring the first one
        Arbitrary<Map<String, Attribute>> first = numericAttribute(Arbitraries.frequencyOf(Tuple.of(6, number), Tuple.of(1, numbers)));
        Arbitrary<Map<String, Attribute>> changed = numericAttribute(Arbitraries.frequencyOf(Tuple.of(1, number), Tuple.of(1, numbers)));
        Arbitrary<List<Entity>> created = entities(first, 1);
        Arbitrary<Tuple.Tuple2<Integer, Optional<Map<String, Attribute>>>> change = Combinators.combine(
                Arbitraries.integers().between(0, MAX_ENTITIES - 1), changed.optional(0.8)).as(Tuple::of);
        return Combinators.combine(created, change.list().ofMaxSize(8), Arbitraries.of(Set.<String>of(), Set.of("a")))
                .as((entities, changes, scalarOnly) -> new Scenario(entities, changes, scalarOnly, false));
    }

    /** Entities urn:x:ea, urn:x:eb, ... of one or both types, with the attributes given. */
    private static Arbitrary<List<Entity>> entities(Arbitrary<Map<String, Attribute>> attributes, int minSize) {
        return Combinators.combine(Arbitraries.subsetOf(TYPES).ofMinSize(1), attributes).as(Tuple::of).list().ofMinSize(minSize).ofMaxSize(MAX_ENTITIES)
                .map(rows -> {
                    List<Entity> entities = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        entities.add(new Entity("urn:x:e" + (char) ('a' + i), new ArrayList<>(new TreeSet<>(rows.get(i).get1())), rows.get(i).get2(), null, null));
                    }
                    return entities;
                });
    }

    private static Arbitrary<Map<String, Attribute>> numericAttribute(Arbitrary<JsonNode> value) {
        return value.optional(0.9).map(v -> v.<Map<String, Attribute>>map(n -> Map.of("a", io.city4d.core.model.Property.of(n, null))).orElse(Map.of()));
    }

    @Provide
    Arbitrary<List<EntityQuery>> rangePairs() {
        Arbitrary<QExpr> bound = Combinators.combine(Arbitraries.of(QExpr.Op.GE, QExpr.Op.GT, QExpr.Op.LT, QExpr.Op.LE, QExpr.Op.EQ),
                Arbitraries.integers().between(0, 4)).as((op, n) -> new QExpr.Compare(AttrPath.of("a"), op, new QValue.Num(n)));
        Arbitrary<QExpr> conjunction = bound.list().ofMinSize(2).ofMaxSize(3).map(QExpr.And::new);
        return Combinators.combine(conjunction, Arbitraries.subsetOf(TYPES).injectNull(0.6), Arbitraries.of(1, 3, 20), Arbitraries.of(true, false))
                .as((q, types, limit, count) -> new EntityQuery(null, null, types, q, null, null, limit, 0, count))
                .list().ofMinSize(5).ofMaxSize(15);
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
        Arbitrary<Set<String>> ids = Arbitraries.subsetOf("urn:x:ea", "urn:x:ec", "urn:x:zz").injectNull(0.9);
        Arbitrary<String> idPatterns = Arbitraries.of("urn:x:e[a-d]", "urn:x:e.*", ".*[ace]").injectNull(0.8);
        Arbitrary<Set<String>> types = Arbitraries.subsetOf(TYPES).injectNull(0.6);
        Arbitrary<QExpr> q = expression(2).injectNull(0.15);
        Arbitrary<GeoQuery> geo = Combinators.combine(Arbitraries.of("near;maxDistance==50000", "near;maxDistance==150000", "near;minDistance==50000"),
                Arbitraries.of(NAMES)).as((georel, name) -> GeoQuery.parse(georel, "Point", "[1.0, 1.0]", name)).injectNull(0.8);
        Arbitrary<Set<String>> attrs = Arbitraries.subsetOf(NAMES).ofMinSize(1).injectNull(0.85);
        Arbitrary<Integer> limits = Arbitraries.of(0, 1, 3, EntityQuery.MAX_LIMIT);
        Arbitrary<Integer> offsets = Arbitraries.of(0, 0, 1, 4);
        Arbitrary<Integer> pages = Combinators.combine(limits, offsets).as((limit, offset) -> limit * 1000 + offset);
        return Combinators.combine(ids, idPatterns, types, q, geo, attrs, pages, Arbitraries.of(true, false))
                .as((i, pattern, t, expr, g, a, page, count) -> new EntityQuery(i, pattern, t, expr, g, a, page / 1000, page % 1000, count))
                .filter(EntityQuery::isRestricted)
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
        // a lower and an upper bound on one attribute: one index range where no entity holds several values in it
        Arbitrary<QExpr> rangePair = Combinators.combine(path, Arbitraries.of(QExpr.Op.GE, QExpr.Op.GT), scalar(), Arbitraries.of(QExpr.Op.LT, QExpr.Op.LE), scalar())
                .as((p, low, from, high, to) -> new QExpr.And(List.of(new QExpr.Compare(p, low, from), new QExpr.Compare(p, high, to))));
        return Arbitraries.frequencyOf(Tuple.of(2, exists), Tuple.of(6, compare), Tuple.of(1, match), Tuple.of(2, rangePair));
    }

    private Arbitrary<QValue> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(NUMBERS).map(QValue.Num::new),
                Arbitraries.of(STRINGS).map(QValue.Str::new),
                Arbitraries.of(true, false).map(QValue.Bool::new),
                Arbitraries.of(TIMES).map(QValue.Time::new));
    }

    private Arbitrary<QValue> value() {
        Arbitrary<QValue> scalar = scalar();
        Arbitrary<QValue> list = scalar.list().ofMinSize(2).ofMaxSize(3).map(QValue.ValueList::new);
        Arbitrary<QValue> range = Combinators.combine(scalar, scalar).as(QValue.Range::new);
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, list), Tuple.of(1, range));
    }
}
