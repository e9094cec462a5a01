package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Instances;
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
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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
    record Scenario(List<Entity> created, List<Edit> changes, Set<String> scalarOnly, boolean cOnlyOnOne) {}

    /** The attributes that replace those of the entity at an index, or none: the entity is deleted. */
    record Edit(int index, Optional<Map<String, Attribute>> attributes) {}

    @Test
    void queriesAnswerAsTheReferenceMatcher() {
        qt().withExamples(60).withShrinkCycles(400).forAll(scenarios(), queries()).checkAssert(this::assertAnswers);
    }

    /**
     * A lower and an upper bound on a numeric attribute that some entities hold as arrays, which change to single
     * values and back: the terms merge into one index range only while no entity holds several values.
     */
    @Test
    void rangePairsAnswerAsTheReferenceMatcher() {
        qt().withExamples(150).withShrinkCycles(400).forAll(numericScenarios(), rangePairs()).checkAssert(this::assertAnswers);
    }

    private void assertAnswers(Scenario scenario, List<EntityQuery> queries) {
        String tenant = "property-" + TENANTS.incrementAndGet() + "-" + System.nanoTime();
        List<Entity> entities = new ArrayList<>();
        for (Entity entity : scenario.created()) entities.add(shaped(entity, entity.attributes(), scenario));
        storage.entities().commit(entities.stream().map(e -> new Change(tenant, null, e, List.of(), NOW)).toList());
        List<Change> changes = new ArrayList<>();
        for (var change : scenario.changes()) {
            int index = change.index();
            if (index >= entities.size() || entities.get(index) == null) continue;
            Entity before = entities.get(index);
            Entity after = change.attributes().map(attributes -> shaped(before, Instances.single(attributes), scenario)).orElse(null);
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
    private static Entity shaped(Entity entity, Map<String, List<Attribute>> attributes, Scenario scenario) {
        Map<String, List<Attribute>> kept = new LinkedHashMap<>();
        attributes.forEach((name, instances) -> {
            if (name.equals("c") && scenario.cOnlyOnOne() && !entity.types().contains(TYPES.get(0))) return;
            kept.put(name, scenario.scalarOnly().contains(name) ? instances.stream().map(QueryPropertyContract::withoutArray).toList() : instances);
        });
        return new Entity(entity.id(), entity.types(), kept, null, null);
    }

    /** A property whose value is an array becomes one holding the array's first element, or an empty string. */
    private static Attribute withoutArray(Attribute attribute) {
        if (!(attribute instanceof io.city4d.core.model.Property p) || !p.value().isArray()) return attribute;
        JsonNode first = p.value().isEmpty() ? Json.NODES.textNode("") : p.value().get(0);
        return new io.city4d.core.model.Property(first, p.unitCode(), p.observedAt(), p.datasetId(), p.subAttributes(), null, null);
    }

    private Gen<Scenario> scenarios() {
        Gen<List<Entity>> created = entities(attributes(), 0);
        Gen<Edit> change = integers().between(0, MAX_ENTITIES - 1).zip(attributes().toOptionals(20), Edit::new);
        return created.zip(lists().of(change).ofSizeBetween(0, 6), Generators.subsets(NAMES), Generate.booleans(), Scenario::new);
    }

    private static Gen<Scenario> numericScenarios() {
        Gen<JsonNode> number = integers().between(0, 4).map(n -> (JsonNode) Json.NODES.numberNode(n));
        Gen<JsonNode> numbers = lists().of(number).ofSizeBetween(2, 3).map(items -> {
            ArrayNode node = Json.NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        // arrays are rarer at first than in the changes, so that the changes often bring the first one
        Gen<Map<String, Attribute>> first = numericAttribute(Generate.frequency(Pair.of(6, number), Pair.of(1, numbers)));
        Gen<Map<String, Attribute>> changed = numericAttribute(Generate.frequency(Pair.of(1, number), Pair.of(1, numbers)));
        Gen<List<Entity>> created = entities(first, 1);
        Gen<Edit> change = integers().between(0, MAX_ENTITIES - 1).zip(changed.toOptionals(20), Edit::new);
        return created.zip(lists().of(change).ofSizeBetween(0, 8), Generate.pick(List.of(Set.<String>of(), Set.of("a"))),
                (entities, changes, scalarOnly) -> new Scenario(entities, changes, scalarOnly, false));
    }

    /** The types and attributes of an entity still to be named. */
    private record Row(Set<String> types, Map<String, Attribute> attributes) {}

    /** Entities urn:x:ea, urn:x:eb, ... of one or both types, with the attributes given. */
    private static Gen<List<Entity>> entities(Gen<Map<String, Attribute>> attributes, int minSize) {
        return lists().of(Generators.nonEmptySubsets(TYPES).zip(attributes, Row::new)).ofSizeBetween(minSize, MAX_ENTITIES).map(rows -> {
            List<Entity> entities = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                entities.add(Entity.of("urn:x:e" + (char) ('a' + i), new ArrayList<>(new TreeSet<>(rows.get(i).types())), rows.get(i).attributes(), null, null));
            }
            return entities;
        });
    }

    private static Gen<Map<String, Attribute>> numericAttribute(Gen<JsonNode> value) {
        return value.toOptionals(10).map(v -> v.<Map<String, Attribute>>map(n -> Map.of("a", io.city4d.core.model.Property.of(n, null))).orElse(Map.of()));
    }

    private static Gen<List<EntityQuery>> rangePairs() {
        Gen<QExpr> bound = Generate.pick(List.of(QExpr.Op.GE, QExpr.Op.GT, QExpr.Op.LT, QExpr.Op.LE, QExpr.Op.EQ)).zip(integers().between(0, 4),
                (op, n) -> new QExpr.Compare(AttrPath.of("a"), op, new QValue.Num(n)));
        Gen<QExpr> conjunction = lists().of(bound).ofSizeBetween(2, 3).map(QExpr.And::new);
        Gen<EntityQuery> query = conjunction.zip(Generators.orNull(Generators.subsets(TYPES), 60), Generate.pick(List.of(1, 3, 20)), Generate.booleans(),
                (q, types, limit, count) -> new EntityQuery(null, null, types, q, null, null, limit, 0, count));
        return lists().of(query).ofSizeBetween(5, 15);
    }

    private Gen<Map<String, Attribute>> attributes() {
        return lists().of(attribute().toOptionals(30)).ofSize(NAMES.size()).map(values -> {
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.size(); i++) {
                int index = i;
                values.get(i).ifPresent(a -> attributes.put(NAMES.get(index), a));
            }
            return attributes;
        });
    }

    private Gen<Attribute> attribute() {
        Gen<Attribute> property = json().zip(Generate.pick(NUMBERS).toOptionals(70),
                (value, sub) -> new io.city4d.core.model.Property(value, null, null, null,
                        sub.<Map<String, Attribute>>map(n -> Map.of("s", io.city4d.core.model.Property.of(Json.NODES.numberNode(n), null))).orElse(Map.of()),
                        null, null));
        Gen<Attribute> relationship = Generate.pick(List.of("urn:o:1", "urn:o:2")).map(o -> new Relationship(o, null, null, Map.of(), null, null));
        Gen<Attribute> geo = Generate.pick(List.of(1.0, 2.0)).map(x -> GeoProperty.of(TestTwin.json("{\"type\": \"Point\", \"coordinates\": [" + x + ", 1]}")));
        return Generate.frequency(Pair.of(8, property), Pair.of(1, relationship), Pair.of(1, geo));
    }

    private Gen<JsonNode> json() {
        Gen<JsonNode> scalar = Generate.oneOf(
                Generate.pick(NUMBERS).map(n -> (JsonNode) Json.NODES.numberNode(n)),
                Generate.pick(List.of(1, 3)).map(n -> (JsonNode) Json.NODES.numberNode(n)),
                Generate.pick(STRINGS).map(t -> (JsonNode) Json.NODES.textNode(t)),
                Generate.booleans().map(b -> (JsonNode) Json.NODES.booleanNode(b)));
        Gen<JsonNode> array = lists().of(scalar).ofSizeBetween(0, 3).map(items -> {
            ArrayNode node = Json.NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        Gen<JsonNode> object = scalar.map(v -> {
            ObjectNode node = Json.NODES.objectNode();
            node.set("k", v);
            return node;
        });
        return Generate.frequency(Pair.of(6, scalar), Pair.of(2, array), Pair.of(1, object));
    }

    private Gen<List<EntityQuery>> queries() {
        Gen<Set<String>> ids = Generators.orNull(Generators.subsets(List.of("urn:x:ea", "urn:x:ec", "urn:x:zz")), 90);
        Gen<String> idPatterns = Generators.orNull(Generate.pick(List.of("urn:x:e[a-d]", "urn:x:e.*", ".*[ace]")), 80);
        Gen<Set<String>> types = Generators.orNull(Generators.subsets(TYPES), 60);
        Gen<QExpr> expressions = expression(2);
        Gen<QExpr> q = Generators.orNull(expressions, 15);
        Gen<GeoQuery> geo = Generators.orNull(Generate.pick(List.of("near;maxDistance==50000", "near;maxDistance==150000", "near;minDistance==50000"))
                .zip(Generate.pick(NAMES), (georel, name) -> GeoQuery.parse(georel, "Point", "[1.0, 1.0]", name)), 80);
        Gen<Set<String>> attrs = Generators.orNull(Generators.nonEmptySubsets(NAMES), 85);
        Gen<Integer> limits = Generate.pick(List.of(0, 1, 3, EntityQuery.MAX_LIMIT));
        Gen<Integer> offsets = Generate.pick(List.of(0, 0, 1, 4));
        Gen<Boolean> counts = Generate.booleans();
        Gen<EntityQuery> query = prng -> {
            EntityQuery drawn = new EntityQuery(ids.generate(prng), idPatterns.generate(prng), types.generate(prng), q.generate(prng),
                    geo.generate(prng), attrs.generate(prng), limits.generate(prng), offsets.generate(prng), counts.generate(prng));
            // a query must restrict something: one that does not gets a q
            return drawn.isRestricted() ? drawn : new EntityQuery(null, null, null, expressions.generate(prng), null, null,
                    drawn.limit(), drawn.offset(), drawn.count());
        };
        return lists().of(query).ofSizeBetween(10, 25);
    }

    private Gen<QExpr> expression(int depth) {
        if (depth == 0) return leaf();
        Gen<QExpr> and = lists().of(expression(depth - 1)).ofSizeBetween(2, 3).map(QExpr.And::new);
        Gen<QExpr> or = lists().of(expression(depth - 1)).ofSizeBetween(2, 3).map(QExpr.Or::new);
        return Generate.frequency(Pair.of(4, leaf()), Pair.of(1, and), Pair.of(1, or));
    }

    private Gen<QExpr> leaf() {
        Gen<AttrPath> path = Generate.frequency(
                Pair.of(6, Generate.pick(NAMES).map(AttrPath::of)),
                Pair.of(1, Generate.pick(NAMES).map(n -> new AttrPath(n, List.of("s"), List.of()))),
                Pair.of(1, Generate.pick(NAMES).map(n -> new AttrPath(n, List.of(), List.of("k")))));
        Gen<QExpr> exists = path.zip(Generate.booleans(), QExpr.Exists::new);
        Gen<QExpr> compare = path.zip(Generate.enumValues(QExpr.Op.class), value(), QExpr.Compare::new);
        Gen<QExpr> match = path.zip(Generate.pick(List.of("^x", "y$", "\\d", "é|\uFF01")), Generate.booleans(), QExpr.Match::new);
        // a lower and an upper bound on one attribute: one index range where no entity holds several values in it
        Gen<QExpr> rangePair = path.zip(Generate.pick(List.of(QExpr.Op.GE, QExpr.Op.GT)), scalar(), Generate.pick(List.of(QExpr.Op.LT, QExpr.Op.LE)), scalar(),
                (p, low, from, high, to) -> new QExpr.And(List.of(new QExpr.Compare(p, low, from), new QExpr.Compare(p, high, to))));
        return Generate.frequency(Pair.of(2, exists), Pair.of(6, compare), Pair.of(1, match), Pair.of(2, rangePair));
    }

    private Gen<QValue> scalar() {
        return Generate.oneOf(
                Generate.pick(NUMBERS).map(QValue.Num::new),
                Generate.pick(STRINGS).map(QValue.Str::new),
                Generate.booleans().map(QValue.Bool::new),
                Generate.pick(TIMES).map(QValue.Time::new));
    }

    private Gen<QValue> value() {
        Gen<QValue> scalar = scalar();
        Gen<QValue> list = lists().of(scalar).ofSizeBetween(2, 3).map(QValue.ValueList::new);
        Gen<QValue> range = scalar.zip(scalar, QValue.Range::new);
        return Generate.frequency(Pair.of(6, scalar), Pair.of(1, list), Pair.of(1, range));
    }
}
