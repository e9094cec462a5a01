package io.city4d.store.jdbc;

import static io.city4d.store.jdbc.TestTwin.LOCATION;
import static io.city4d.store.jdbc.TestTwin.json;
import static io.city4d.store.jdbc.TestTwin.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoJson;
import io.city4d.core.model.Property;
import io.city4d.core.port.Change;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.port.EntityStore;
import io.city4d.core.port.EntityStore.AttributeSummary;
import io.city4d.core.port.EntityStore.TypeSummary;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.QueryResult;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalQuery.Aggregation;
import io.city4d.core.query.TemporalQuery.Method;
import io.city4d.core.query.TemporalResult;
import io.city4d.core.query.TemporalResult.Bucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * The behaviour every {@link Storage} must have.
 */
public abstract class StorageContract extends StorageSuite {

    protected EntityStore entities() {
        return storage.entities();
    }

    // ---- writing ----

    @Test
    void aCreatedEntityReadsBackEqualWithItsTimestamps() {
        Entity created = twin.create("""
                {"id": "urn:x:1", "type": ["urn:t:Spot", "urn:t:Asset"],
                 "status": {"type": "Property", "value": "free", "observedAt": "2026-01-01T10:00:00Z", "unitCode": "C62",
                            "accuracy": {"type": "Property", "value": 0.5}},
                 "owner": {"type": "Relationship", "object": "urn:x:owner"},
                 "shape": {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 1]]]},
                 "payload": {"nested": [1, "two", {"three": null}]}}
                """);
        Entity found = entities().find(tenant, "urn:x:1");
        assertThat(found).isEqualTo(created);
        assertThat(found.createdAt()).isNotNull();
        assertThat(found.attribute("status").modifiedAt()).isEqualTo(created.modifiedAt());
        assertThat(entities().findAll(tenant, List.of("urn:x:1", "urn:x:absent"))).containsOnlyKeys("urn:x:1");
    }

    @Test
    void timestampsOfSubAttributesAreKept() {
        Entity plain = TestTwin.entity("{\"id\": \"urn:x:1\", \"type\": \"urn:t:Spot\", "
                + "\"status\": {\"type\": \"Property\", \"value\": 1, \"accuracy\": {\"type\": \"Property\", \"value\": 0.5}}}");
        Instant created = Instant.parse("2026-01-01T00:00:00.123456Z");
        Instant modified = Instant.parse("2026-01-02T00:00:00Z");
        Property status = (Property) plain.attribute("status");
        Property stamped = new Property(status.value(), null, null, null,
                Map.of("accuracy", status.subAttributes().get("accuracy").stamped(created, modified)), created, modified);
        Entity entity = Entity.of("urn:x:1", plain.types(), Map.of("status", stamped), created, modified);
        entities().commit(List.of(new Change(tenant, null, entity, List.of(), modified)));
        assertThat(entities().find(tenant, "urn:x:1")).isEqualTo(entity);
        assertThat(entities().find(tenant, "urn:x:1").attribute("status").subAttributes().get("accuracy").createdAt()).isEqualTo(created);
    }

    @Test
    void anUpdateReplacesTheStateAndItsIndexRows() {
        twin.create("{\"id\": \"urn:x:1\", \"type\": \"urn:t:Spot\", \"status\": \"free\", \"level\": 1}");
        Change change = twin.update("urn:x:1", "{\"status\": \"taken\"}");
        assertThat(entities().find(tenant, "urn:x:1")).isEqualTo(change.after());
        assertThat(ids("status==\"free\"")).isEmpty();
        assertThat(ids("status==\"taken\"")).containsExactly("urn:x:1");
        assertThat(ids("level==1")).containsExactly("urn:x:1");

        twin.replace("{\"id\": \"urn:x:1\", \"type\": \"urn:t:Other\", \"colour\": \"red\"}");
        assertThat(ids("level")).isEmpty();
        assertThat(ids("colour==\"red\"")).containsExactly("urn:x:1");
        assertThat(idsOf(entities().query(tenant, EntityQuery.byTypes(Set.of("urn:t:Spot"), 10)))).isEmpty();
        assertThat(idsOf(entities().query(tenant, EntityQuery.byTypes(Set.of("urn:t:Other"), 10)))).containsExactly("urn:x:1");
    }

    @Test
    void aDeletedEntityLeavesNoTrace() {
        twin.create("{\"id\": \"urn:x:1\", \"type\": \"urn:t:Spot\", \"status\": \"free\", " + point(105.85, 21.03) + "}");
        twin.create("{\"id\": \"urn:x:2\", \"type\": \"urn:t:Spot\", \"status\": \"free\"}");
        twin.delete("urn:x:1");
        assertThat(entities().find(tenant, "urn:x:1")).isNull();
        assertThat(ids("status==\"free\"")).containsExactly("urn:x:2");
        assertThat(query(new EntityQuery(null, null, null, null, near(105.85, 21.03, 100), null, 10, 0, false))).isEmpty();
        assertThat(entities().types(tenant)).containsExactly(new TypeSummary("urn:t:Spot", Set.of("status"), 1));
    }

    @Test
    void aCommitOfSeveralChangesIsAllOrNothing() {
        twin.create("{\"id\": \"urn:x:existing\", \"type\": \"urn:t:Spot\", \"n\": 1}");
        Change fine = twin.creation("{\"id\": \"urn:x:new\", \"type\": \"urn:t:Spot\", \"n\": 2, \"x\": {\"value\": 1, \"observedAt\": \"2026-01-01T00:00:00Z\"}}");
        Change duplicate = twin.creation("{\"id\": \"urn:x:existing\", \"type\": \"urn:t:Spot\", \"n\": 3}");

        assertThatThrownBy(() -> entities().commit(List.of(fine, duplicate))).isInstanceOf(RuntimeException.class);

        assertThat(entities().find(tenant, "urn:x:new")).isNull();
        assertThat(ids("n==2")).isEmpty();
        assertThat(entities().types(tenant)).containsExactly(new TypeSummary("urn:t:Spot", Set.of("n"), 1));
        TemporalResult history = entities().temporal(tenant, new TemporalQuery(EntityQuery.byIds(Set.of("urn:x:existing", "urn:x:new")),
                null, null, null, null, null));
        assertThat(history.entities()).singleElement().satisfies(h -> assertThat(h.instances().get("n")).hasSize(1));
        entities().commit(List.of(fine));
        assertThat(entities().find(tenant, "urn:x:new")).isEqualTo(fine.after());
        // the history series the failed group created were rolled back too, and are created again
        TemporalResult retried = entities().temporal(tenant, new TemporalQuery(EntityQuery.byIds(Set.of("urn:x:new")), null, null, null, null, null));
        assertThat(retried.entities()).singleElement().satisfies(h -> assertThat(h.instances()).containsKeys("n", "x"));
    }

    @Test
    void anUpdateOfAnEntityThatIsNotStoredFails() {
        Change created = twin.creation("{\"id\": \"urn:x:ghost\", \"type\": \"urn:t:Spot\", \"n\": 1}");
        Change update = new Change(tenant, created.after(), created.after(), List.of(), Instant.now());
        assertThatThrownBy(() -> entities().commit(List.of(update))).isInstanceOf(RuntimeException.class);
        assertThat(entities().find(tenant, "urn:x:ghost")).isNull();
    }

    @Test
    void concurrentCallersAreStoredExactlyWhenTheySucceed() throws Exception {
        twin.create("{\"id\": \"urn:x:taken\", \"type\": \"urn:t:Spot\"}");
        int threads = 8;
        int perThread = 25;
        Map<String, Boolean> outcome = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    TestTwin own = new TestTwin(entities(), tenant);
                    for (int i = 0; i < perThread; i++) {
                        boolean bad = thread == 0 && i % 5 == 0;
                        String id = bad ? "urn:x:taken" : "urn:x:" + thread + "-" + i;
                        Change change = own.creation("{\"id\": \"" + id + "\", \"type\": \"urn:t:Spot\", \"n\": " + i + "}");
                        try {
                            entities().commit(List.of(change));
                            outcome.put(id + "#" + thread + "-" + i, true);
                        } catch (RuntimeException e) {
                            outcome.put(id + "#" + thread + "-" + i, false);
                        }
                    }
                }));
            }
            for (Future<?> future : futures) future.get();
        } finally {
            pool.shutdown();
        }
        outcome.forEach((key, succeeded) -> {
            String id = key.substring(0, key.indexOf('#'));
            if (id.equals("urn:x:taken")) assertThat(succeeded).as(key).isFalse();
            else assertThat(entities().find(tenant, id) != null).as(key).isEqualTo(succeeded);
        });
        long stored = outcome.entrySet().stream().filter(Map.Entry::getValue).count();
        assertThat(stored).isGreaterThan(0);
        assertThat(entities().countByType(tenant)).containsEntry("urn:t:Spot", stored + 1);
    }

    // ---- tenants ----

    @Test
    void tenantsAreIsolated() {
        String other = tenant + "-other";
        TestTwin otherTwin = new TestTwin(entities(), other);
        twin.create("{\"id\": \"urn:x:1\", \"type\": \"urn:t:Spot\", \"status\": \"mine\", " + point(10, 10) + "}");
        otherTwin.create("{\"id\": \"urn:x:1\", \"type\": \"urn:t:Lamp\", \"status\": \"theirs\", " + point(10, 10) + "}");
        otherTwin.create("{\"id\": \"urn:x:2\", \"type\": \"urn:t:Lamp\", \"status\": \"mine\"}");

        assertThat(entities().find(tenant, "urn:x:1").type()).isEqualTo("urn:t:Spot");
        assertThat(entities().find(other, "urn:x:1").type()).isEqualTo("urn:t:Lamp");
        assertThat(ids("status==\"mine\"")).containsExactly("urn:x:1");
        assertThat(query(new EntityQuery(null, null, null, null, near(10, 10, 10), null, 10, 0, false))).containsExactly("urn:x:1");
        assertThat(entities().query(tenant, new EntityQuery(null, null, null, null, near(10, 10, 10), null, 10, 0, true)).totalCount()).isEqualTo(1);
        assertThat(entities().types(tenant)).extracting(TypeSummary::type).containsExactly("urn:t:Spot");
        assertThat(entities().countByType(other)).isEqualTo(Map.of("urn:t:Lamp", 2L));
        assertThat(entities().tenants()).contains(tenant, other);
        assertThat(entities().find("", "urn:x:1")).isNull();
    }

    @Test
    void theDefaultTenantIsTheEmptyString() {
        String id = "urn:x:default-" + System.nanoTime();
        new TestTwin(entities(), "").create("{\"id\": \"" + id + "\", \"type\": \"urn:t:Spot\"}");
        assertThat(entities().tenants()).contains("");
        assertThat(entities().find("", id)).isNotNull();
        assertThat(entities().find(tenant, id)).isNull();
    }

    // ---- q ----

    private void createQFixture() {
        twin.create("""
                {"id": "urn:x:s1", "type": "urn:t:Sensor",
                 "temperature": {"type": "Property", "value": 21.5, "accuracy": {"type": "Property", "value": 0.4}},
                 "status": "ok", "tags": ["a", "b"], "active": true, "lastSeen": "2026-01-01T10:00:00Z",
                 "owner": {"type": "Relationship", "object": "urn:o:1"}, "address": {"type": "Property", "value": {"city": "Hanoi", "zip": "100000"}},
                 "name": "alpha"}
                """);
        twin.create("""
                {"id": "urn:x:s2", "type": "urn:t:Sensor",
                 "temperature": {"type": "Property", "value": 30, "accuracy": {"type": "Property", "value": 0.9}},
                 "status": "fault", "tags": ["b"], "active": false, "lastSeen": "2026-01-02T10:00:00Z",
                 "owner": {"type": "Relationship", "object": "urn:o:2"}, "address": {"type": "Property", "value": {"city": "Hue"}},
                 "name": "beta"}
                """);
        twin.create("""
                {"id": "urn:x:s3", "type": "urn:t:Sensor", "temperature": -5, "status": "ok", "tags": [], "active": true,
                 "lastSeen": "not a time", "name": "Gamma"}
                """);
        twin.create("{\"id\": \"urn:x:s4\", \"type\": \"urn:t:Sensor\", \"status\": 3, \"tags\": [\"c\", 7], \"name\": \"delta\"}");
        twin.create("{\"id\": \"urn:x:s5\", \"type\": \"urn:t:Sensor\", \"temperature\": \"hot\", \"name\": \"epsilon\"}");
    }

    @Test
    void qComparesNumbers() {
        createQFixture();
        assertQ("temperature>20", "s1", "s2");
        assertQ("temperature>=30", "s2");
        assertQ("temperature<0", "s3");
        assertQ("temperature<=21.5", "s1", "s3");
        assertQ("temperature==30", "s2");
        assertQ("temperature!=30", "s1", "s3", "s5");
        assertQ("tags==7", "s4");
        assertQ("status>1", "s4");
    }

    @Test
    void qComparesListsAndRanges() {
        createQFixture();
        assertQ("temperature==20..25", "s1");
        assertQ("temperature!=20..25", "s2", "s3", "s5");
        assertQ("temperature==21.5,30", "s1", "s2");
        assertQ("temperature!=21.5,30", "s3", "s5");
        assertQ("status==\"ok\",\"fault\"", "s1", "s2", "s3");
        assertQ("name==\"a\"..\"c\"", "s1", "s2");
        assertQ("lastSeen==2026-01-01T00:00:00Z..2026-01-01T23:00:00Z", "s1");
    }

    @Test
    void qComparesStringsBooleansTimesAndRelationships() {
        createQFixture();
        assertQ("status==\"ok\"", "s1", "s3");
        assertQ("status!=\"ok\"", "s2", "s4");
        assertQ("status>\"g\"", "s1", "s3");
        assertQ("name<\"b\"", "s1", "s3");
        assertQ("tags==\"b\"", "s1", "s2");
        assertQ("tags!=\"b\"", "s3", "s4");
        assertQ("active==true", "s1", "s3");
        assertQ("active==false", "s2");
        assertQ("active!=true", "s2");
        assertQ("lastSeen>2026-01-01T12:00:00Z", "s2");
        assertQ("lastSeen<=2026-01-01T10:00:00Z", "s1");
        assertQ("lastSeen==\"2026-01-01T10:00:00Z\"", "s1");
        assertQ("owner==\"urn:o:1\"", "s1");
        assertQ("owner!=\"urn:o:1\"", "s2");
    }

    @Test
    void qTestsPresenceAbsenceAndPatterns() {
        createQFixture();
        assertQ("temperature", "s1", "s2", "s3", "s5");
        assertQ("!temperature", "s4");
        assertQ("!tags", "s5");
        assertQ("name~=^[a-d]", "s1", "s2", "s4");
        assertQ("name!~=lpha", "s2", "s3", "s4", "s5");
        assertQ("tags~=c", "s4");
    }

    @Test
    void qFollowsSubAttributesAndCompoundKeys() {
        createQFixture();
        assertQ("temperature.accuracy>0.5", "s2");
        assertQ("temperature.accuracy", "s1", "s2");
        assertQ("!temperature.accuracy", "s3", "s4", "s5");
        assertQ("address[city]==\"Hanoi\"", "s1");
        assertQ("address[zip]", "s1");
    }

    @Test
    void qCombinesTerms() {
        createQFixture();
        assertQ("status==\"ok\";temperature>0", "s1");
        assertQ("status==\"fault\"|temperature<0", "s2", "s3");
        assertQ("(status==\"ok\"|status==\"fault\");active==true", "s1", "s3");
        assertQ("name~=a;temperature>0|!temperature", "s1", "s2", "s4");
    }

    @Test
    void qOrdersEdgeValuesAsJavaDoes() {
        String[] values = {"\"\\ud83d\\ude00\"", "\"\\uff01\"", "\"a\\u0000b\"", "\"a\"", "-0.0", "0.0",
                "\"+10000-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00.000000001Z\""};
        for (int i = 0; i < values.length; i++) {
            twin.create("{\"id\": \"urn:x:e" + (i + 1) + "\", \"type\": \"urn:t:Edge\", \"v\": " + values[i] + "}");
        }
        assertEdge(QueryParser.parse("v<\"\uFF01\""), "e1", "e3", "e4", "e7", "e8");
        assertEdge(QueryParser.parse("v>\"a\""), "e1", "e2", "e3");
        assertEdge(QueryParser.parse("v==\"a\u0000b\""), "e3");
        assertEdge(QueryParser.parse("v<\"a\u0001\";v>\"0\""), "e3", "e4", "e8");
        assertEdge(QueryParser.parse("v==0"), "e6");
        assertEdge(QueryParser.parse("v<0"), "e5");
        assertEdge(QueryParser.parse("v>=0"), "e6");
        assertEdge(QueryParser.parse("v>2262-01-01T00:00:00Z"), "e7");
        assertEdge(QueryParser.parse("v<2026-01-01T00:00:00.000000002Z"), "e8");
        assertEdge(new io.city4d.core.query.QExpr.Compare(io.city4d.core.query.QExpr.AttrPath.of("v"), io.city4d.core.query.QExpr.Op.GE,
                new io.city4d.core.query.QValue.Time(Instant.parse("+10000-01-01T00:00:00Z"))), "e7");
    }

    private void assertEdge(io.city4d.core.query.QExpr q, String... expected) {
        EntityQuery query = new EntityQuery(null, null, null, q, null, null, EntityQuery.MAX_LIMIT, 0, false);
        List<String> expectedIds = java.util.Arrays.stream(expected).map(s -> "urn:x:" + s).toList();
        assertThat(query(query)).as(q.toString()).containsExactlyElementsOf(expectedIds);
        List<String> all = IntStream.rangeClosed(1, 8).mapToObj(i -> "urn:x:e" + i).toList();
        assertThat(entities().findAll(tenant, all).values().stream().filter(query.matcher()).map(Entity::id).sorted().toList())
                .as(q + " in memory").containsExactlyElementsOf(expectedIds);
    }

    // ---- selection, order, paging ----

    @Test
    void queriesSelectByIdsPatternTypesAndAttributes() {
        twin.create("{\"id\": \"urn:x:a1\", \"type\": [\"urn:t:A\", \"urn:t:C\"], \"x\": 1, \"y\": 2}");
        twin.create("{\"id\": \"urn:x:a2\", \"type\": \"urn:t:A\", \"y\": 3}");
        twin.create("{\"id\": \"urn:x:b1\", \"type\": \"urn:t:B\", \"z\": 4}");

        assertThat(query(new EntityQuery(Set.of("urn:x:a1", "urn:x:b1", "urn:x:none"), null, null, null, null, null, 10, 0, false)))
                .containsExactly("urn:x:a1", "urn:x:b1");
        assertThat(query(new EntityQuery(null, "urn:x:a.*", null, null, null, null, 10, 0, false))).containsExactly("urn:x:a1", "urn:x:a2");
        assertThat(query(new EntityQuery(null, ".*1", null, null, null, null, 10, 0, false))).containsExactly("urn:x:a1", "urn:x:b1");
        assertThat(query(new EntityQuery(null, "urn:x:a", null, null, null, null, 10, 0, false))).isEmpty();
        assertThat(query(new EntityQuery(null, null, Set.of("urn:t:C", "urn:t:B"), null, null, null, 10, 0, false))).containsExactly("urn:x:a1", "urn:x:b1");
        assertThat(query(new EntityQuery(null, null, Set.of(), null, null, null, 10, 0, false))).isEmpty();

        QueryResult projected = entities().query(tenant, new EntityQuery(null, null, null, null, null, Set.of("x", "z"), 10, 0, false));
        assertThat(idsOf(projected)).containsExactly("urn:x:a1", "urn:x:b1");
        assertThat(projected.entities().get(0).attributes()).containsOnlyKeys("x");
        assertThat(projected.entities().get(1).attributes()).containsOnlyKeys("z");
    }

    @Test
    void resultsAreOrderedByIdThenPagedAndCounted() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = "urn:x:" + (char) ('a' + (i * 7) % 25);
            expected.add(id);
            twin.create("{\"id\": \"" + id + "\", \"type\": \"urn:t:Spot\", \"n\": " + i + "}");
        }
        Collections.sort(expected);
        EntityQuery byType = new EntityQuery(null, null, Set.of("urn:t:Spot"), null, null, null, 10, 10, true);
        QueryResult page = entities().query(tenant, byType);
        assertThat(idsOf(page)).containsExactlyElementsOf(expected.subList(10, 20));
        assertThat(page.totalCount()).isEqualTo(25);
        assertThat(entities().query(tenant, byType.page(10, 20)).entities()).hasSize(5);
        assertThat(entities().query(tenant, new EntityQuery(null, null, Set.of("urn:t:Spot"), null, null, null, 10, 0, false)).totalCount())
                .isEqualTo(-1);
        assertThat(entities().query(tenant, byType.page(0, 0)).totalCount()).isEqualTo(25);

        // the same through the path that checks candidates in Java
        EntityQuery byPattern = new EntityQuery(null, "urn:x:.*", null, QueryParser.parse("n~=.|n>=0"), null, null, 10, 10, true);
        QueryResult checked = entities().query(tenant, byPattern);
        assertThat(idsOf(checked)).containsExactlyElementsOf(expected.subList(10, 20));
        assertThat(checked.totalCount()).isEqualTo(25);
        assertThat(entities().query(tenant, byPattern.page(3, 23)).entities()).hasSize(2);
    }

    @Test
    void aPageOfRareMatchesIsFoundBeyondTheFirstEntities() {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            changes.add(twin.creation("{\"id\": \"urn:x:%03d\", \"type\": \"%s\", \"n\": %d}".formatted(i, i < 295 ? "urn:t:A" : "urn:t:B", i)));
        }
        entities().commit(changes);
        assertThat(query(new EntityQuery(null, null, Set.of("urn:t:B"), null, null, null, 2, 1, false))).containsExactly("urn:x:296", "urn:x:297");
        assertThat(query(new EntityQuery(null, null, Set.of("urn:t:A"), QueryParser.parse("n>=290"), null, null, 3, 0, false)))
                .containsExactly("urn:x:290", "urn:x:291", "urn:x:292");
        assertThat(query(new EntityQuery(null, null, Set.of("urn:t:A"), QueryParser.parse("n<100"), null, null, 3, 98, false)))
                .containsExactly("urn:x:098", "urn:x:099");
    }

    // ---- geo ----

    private static final double HK_LON = 105.8542;
    private static final double HK_LAT = 21.0285;

    private void createGeoFixture() {
        twin.create("{\"id\": \"urn:x:g1\", \"type\": \"urn:t:Place\", " + point(HK_LON, HK_LAT) + "}");
        twin.create("{\"id\": \"urn:x:g2\", \"type\": \"urn:t:Place\", " + point(105.8638, HK_LAT) + "}");
        twin.create("{\"id\": \"urn:x:g3\", \"type\": \"urn:t:Place\", " + point(106.5, HK_LAT) + "}");
        twin.create("{\"id\": \"urn:x:g4\", \"type\": \"urn:t:Place\", \"" + LOCATION + "\": " + square(105.85, 21.025, 105.86, 21.032) + "}");
        twin.create("{\"id\": \"urn:x:g5\", \"type\": \"urn:t:Place\", \"area\": " + square(100, 10, 101, 11) + "}");
    }

    private static String square(double minLon, double minLat, double maxLon, double maxLat) {
        return "{\"type\": \"Polygon\", \"coordinates\": [[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}".formatted(
                minLon, minLat, maxLon, minLat, maxLon, maxLat, minLon, maxLat, minLon, minLat);
    }

    private static Geometry geometry(String geoJson) {
        return GeoJson.parse(json(geoJson));
    }

    private static GeoQuery near(double lon, double lat, double maxMetres) {
        return GeoQuery.parse("near;maxDistance==" + maxMetres, GeoJson.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat)), null);
    }

    private List<String> geo(String georel, String geometry) {
        return query(new EntityQuery(null, null, null, null, GeoQuery.parse(georel, geometry(geometry), null), null, 100, 0, false));
    }

    @Test
    void nearMeasuresMetresOnTheSphere() {
        createGeoFixture();
        String hoanKiem = "{\"type\": \"Point\", \"coordinates\": [" + HK_LON + ", " + HK_LAT + "]}";
        double toG2 = GeoQuery.distanceMetres(geometry(hoanKiem), geometry("{\"type\": \"Point\", \"coordinates\": [105.8638, " + HK_LAT + "]}"));
        assertThat(toG2).isBetween(990.0, 1010.0);
        assertThat(geo("near;maxDistance==500", hoanKiem)).containsExactly("urn:x:g1", "urn:x:g4");
        assertThat(geo("near;maxDistance==" + (toG2 + 1), hoanKiem)).containsExactly("urn:x:g1", "urn:x:g2", "urn:x:g4");
        assertThat(geo("near;maxDistance==" + (toG2 - 1), hoanKiem)).containsExactly("urn:x:g1", "urn:x:g4");
        assertThat(geo("near;minDistance==5000", hoanKiem)).containsExactly("urn:x:g3");
        assertThat(geo("near;minDistance==500", hoanKiem)).containsExactly("urn:x:g2", "urn:x:g3");
    }

    @Test
    void everyGeoRelationIsAnswered() {
        createGeoFixture();
        String hoanKiem = "{\"type\": \"Point\", \"coordinates\": [" + HK_LON + ", " + HK_LAT + "]}";
        assertThat(geo("within", square(105.84, 21.02, 105.87, 21.04))).containsExactly("urn:x:g1", "urn:x:g2", "urn:x:g4");
        assertThat(geo("contains", hoanKiem)).containsExactly("urn:x:g1", "urn:x:g4");
        assertThat(geo("intersects", square(105.863, 21.028, 105.865, 21.029))).containsExactly("urn:x:g2");
        assertThat(geo("disjoint", square(105.863, 21.028, 105.865, 21.029))).containsExactly("urn:x:g1", "urn:x:g3", "urn:x:g4");
        assertThat(geo("equals", "{\"type\": \"Point\", \"coordinates\": [106.5, " + HK_LAT + "]}")).containsExactly("urn:x:g3");
        assertThat(geo("overlaps", square(105.855, 21.02, 105.87, 21.03))).containsExactly("urn:x:g4");
        GeoQuery inArea = GeoQuery.parse("within", geometry(square(99, 9, 102, 12)), "area");
        assertThat(query(new EntityQuery(null, null, null, null, inArea, null, 10, 0, true))).containsExactly("urn:x:g5");
    }

    @Test
    void geoQueriesCombineWithOtherFiltersAndCount() {
        createGeoFixture();
        twin.update("urn:x:g2", "{\"kind\": \"cafe\"}");
        twin.update("urn:x:g3", "{\"kind\": \"cafe\"}");
        EntityQuery cafesNear = new EntityQuery(null, null, Set.of("urn:t:Place"), QueryParser.parse("kind==\"cafe\""), near(HK_LON, HK_LAT, 2000),
                null, 10, 0, true);
        QueryResult result = entities().query(tenant, cafesNear);
        assertThat(idsOf(result)).containsExactly("urn:x:g2");
        assertThat(result.totalCount()).isEqualTo(1);
    }

    @Test
    void nearFindsNeighboursAcrossTheAntimeridian() {
        twin.create("{\"id\": \"urn:x:east\", \"type\": \"urn:t:Buoy\", " + point(179.999, 0) + "}");
        assertThat(query(new EntityQuery(null, null, null, null, near(-179.999, 0, 1000), null, 10, 0, false))).containsExactly("urn:x:east");
    }

    // ---- summaries ----

    @Test
    void typesAndAttributesAreSummarised() {
        twin.create("{\"id\": \"urn:x:1\", \"type\": \"urn:t:A\", \"x\": 1, \"y\": 2}");
        twin.create("{\"id\": \"urn:x:2\", \"type\": [\"urn:t:A\", \"urn:t:C\"], \"w\": 1}");
        twin.create("{\"id\": \"urn:x:3\", \"type\": \"urn:t:B\", \"y\": 1, \"z\": 1}");
        assertThat(entities().types(tenant)).containsExactly(
                new TypeSummary("urn:t:A", Set.of("w", "x", "y"), 2),
                new TypeSummary("urn:t:B", Set.of("y", "z"), 1),
                new TypeSummary("urn:t:C", Set.of("w"), 1));
        assertThat(entities().attributes(tenant)).containsExactly(
                new AttributeSummary("w", Set.of("urn:t:A", "urn:t:C"), 1),
                new AttributeSummary("x", Set.of("urn:t:A"), 1),
                new AttributeSummary("y", Set.of("urn:t:A", "urn:t:B"), 2),
                new AttributeSummary("z", Set.of("urn:t:B"), 1));

        twin.delete("urn:x:2");
        twin.update("urn:x:3", "{\"x\": 5}");
        assertThat(entities().types(tenant)).containsExactly(
                new TypeSummary("urn:t:A", Set.of("x", "y"), 1),
                new TypeSummary("urn:t:B", Set.of("x", "y", "z"), 1));
        assertThat(entities().countByType(tenant)).isEqualTo(Map.of("urn:t:A", 1L, "urn:t:B", 1L));
        assertThat(entities().attributes(tenant)).extracting(AttributeSummary::attribute, AttributeSummary::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x", 2L), org.assertj.core.groups.Tuple.tuple("y", 2L),
                        org.assertj.core.groups.Tuple.tuple("z", 1L));
    }

    // ---- history ----

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Temperature i + 1 observed at minute i, for i in 0..9, and a status that alternates. */
    private void createHistoryFixture() {
        twin.create("{\"id\": \"urn:x:t1\", \"type\": \"urn:t:Sensor\", " + reading(0) + "}");
        for (int i = 1; i < 10; i++) twin.update("urn:x:t1", "{" + reading(i) + "}");
        twin.create("{\"id\": \"urn:x:t2\", \"type\": \"urn:t:Sensor\", \"temperature\": {\"value\": 100, \"observedAt\": \"" + T0 + "\"}}");
    }

    private static String reading(int minute) {
        String at = T0.plusSeconds(60L * minute).toString();
        return "\"temperature\": {\"value\": " + (minute + 1) + ", \"observedAt\": \"" + at + "\"}, "
                + "\"status\": {\"value\": \"" + (minute % 2 == 0 ? "even" : "odd") + "\", \"observedAt\": \"" + at + "\"}";
    }

    private TemporalResult.EntityHistory history(TemporalQuery query) {
        return entities().temporal(tenant, query).entities().stream().filter(h -> h.id().equals("urn:x:t1")).findFirst().orElseThrow();
    }

    private static EntityQuery t1() {
        return EntityQuery.byIds(Set.of("urn:x:t1"));
    }

    @Test
    void historyIsReadInAWindow() {
        createHistoryFixture();
        var h = history(new TemporalQuery(t1(), Set.of("temperature"), T0.plusSeconds(120), T0.plusSeconds(300), null, null));
        assertThat(h.instances()).containsOnlyKeys("temperature");
        assertThat(h.instances().get("temperature")).extracting(TemporalResult.Instance::at)
                .containsExactly(T0.plusSeconds(120), T0.plusSeconds(180), T0.plusSeconds(240));
        assertThat(h.instances().get("temperature")).extracting(i -> i.attribute().get("value").asInt()).containsExactly(3, 4, 5);
        assertThat(h.instances().get("temperature").get(0).attribute().get("observedAt").asText()).isEqualTo(T0.plusSeconds(120).toString());
        assertThat(h.types()).containsExactly("urn:t:Sensor");

        var all = history(new TemporalQuery(t1(), null, null, null, null, null));
        assertThat(all.instances()).containsOnlyKeys("status", "temperature");
        assertThat(all.instances().get("status")).hasSize(10);
        assertThat(history(new TemporalQuery(t1(), null, null, T0.plusSeconds(60), null, null)).instances().get("temperature")).hasSize(1);
    }

    @Test
    void lastNGivesTheLatestInstancesInAscendingOrder() {
        createHistoryFixture();
        var h = history(new TemporalQuery(t1(), Set.of("temperature"), null, null, 3, null));
        assertThat(h.instances().get("temperature")).extracting(i -> i.attribute().get("value").asInt()).containsExactly(8, 9, 10);
        var windowed = history(new TemporalQuery(t1(), Set.of("temperature"), null, T0.plusSeconds(300), 2, null));
        assertThat(windowed.instances().get("temperature")).extracting(i -> i.attribute().get("value").asInt()).containsExactly(4, 5);
    }

    @Test
    void aggregationsArePerPeriodFromTheWindowStart() {
        createHistoryFixture();
        List<Method> methods = List.of(Method.values());
        var h = history(new TemporalQuery(t1(), Set.of("temperature", "status"), T0, T0.plusSeconds(600), null,
                new Aggregation(methods, Duration.ofMinutes(5))));
        List<Bucket> buckets = h.aggregates().get("temperature");
        assertThat(buckets).hasSize(2);
        Bucket first = buckets.get(0);
        assertThat(first.from()).isEqualTo(T0);
        assertThat(first.to()).isEqualTo(T0.plusSeconds(300));
        assertThat(first.values().get(Method.TOTAL_COUNT)).isEqualTo(5.0);
        assertThat(first.values().get(Method.DISTINCT_COUNT)).isEqualTo(5.0);
        assertThat(first.values().get(Method.SUM)).isEqualTo(15.0);
        assertThat(first.values().get(Method.AVG)).isEqualTo(3.0);
        assertThat(first.values().get(Method.MIN)).isEqualTo(1.0);
        assertThat(first.values().get(Method.MAX)).isEqualTo(5.0);
        assertThat(first.values().get(Method.SUMSQ)).isEqualTo(55.0);
        assertThat(first.values().get(Method.STDDEV)).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(buckets.get(1).values().get(Method.SUM)).isEqualTo(40.0);
        assertThat(buckets.get(1).from()).isEqualTo(T0.plusSeconds(300));

        List<Bucket> status = h.aggregates().get("status");
        assertThat(status.get(0).values().get(Method.TOTAL_COUNT)).isEqualTo(5.0);
        assertThat(status.get(0).values().get(Method.DISTINCT_COUNT)).isEqualTo(2.0);
        assertThat(status.get(0).values().get(Method.SUM)).isNull();
        assertThat(status.get(0).values().get(Method.AVG)).isNull();
    }

    @Test
    void anAggregationWithoutPeriodIsOneBucketFromTheFirstInstance() {
        createHistoryFixture();
        var h = history(new TemporalQuery(t1(), Set.of("temperature"), null, null, null,
                new Aggregation(List.of(Method.AVG, Method.MAX, Method.TOTAL_COUNT), null)));
        assertThat(h.aggregates().get("temperature")).singleElement().satisfies(bucket -> {
            assertThat(bucket.from()).isEqualTo(T0);
            assertThat(bucket.to()).isAfter(T0.plusSeconds(540));
            assertThat(bucket.values()).containsExactlyInAnyOrderEntriesOf(Map.of(Method.AVG, 5.5, Method.MAX, 10.0, Method.TOTAL_COUNT, 10.0));
        });
        var later = history(new TemporalQuery(t1(), Set.of("temperature"), null, T0.plusSeconds(600), null,
                new Aggregation(List.of(Method.SUM), Duration.ofMinutes(3))));
        assertThat(later.aggregates().get("temperature")).extracting(b -> b.values().get(Method.SUM)).containsExactly(6.0, 15.0, 24.0, 10.0);
    }

    @Test
    void temporalQueriesPageOverEntities() {
        createHistoryFixture();
        EntityQuery sensors = new EntityQuery(null, null, Set.of("urn:t:Sensor"), null, null, null, 1, 1, false);
        TemporalResult result = entities().temporal(tenant, new TemporalQuery(sensors, Set.of("temperature"), null, null, 1, null));
        assertThat(result.entities()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo("urn:x:t2");
            assertThat(h.instances().get("temperature")).extracting(i -> i.attribute().get("value").asInt()).containsExactly(100);
        });
    }

    // ---- rollups ----

    private static final Instant H0 = Instant.parse("2026-02-01T00:00:00Z");

    private HistoryRollups rollups() {
        return ((JdbcStorage) storage).rollups();
    }

    /** An entity urn:x:r with a reading of "level" every 10 s from the start, valued i % 7. */
    private Entity readings(Instant start, int count) {
        Entity entity = twin.create("{\"id\": \"urn:x:r\", \"type\": \"urn:t:Gauge\"}");
        List<Change.HistoryPoint> points = new ArrayList<>();
        for (int i = 0; i < count; i++) points.add(reading(start.plusSeconds(10L * i), i % 7));
        entities().commit(List.of(new Change(tenant, entity, entity, points, start)));
        return entity;
    }

    private static Change.HistoryPoint reading(Instant at, double value) {
        return new Change.HistoryPoint("level", Property.of(json(Double.toString(value)), at), at);
    }

    private List<Bucket> levels(Instant from, Instant to, Duration period, Method... methods) {
        TemporalQuery query = new TemporalQuery(EntityQuery.byIds(Set.of("urn:x:r")), Set.of("level"), from, to, null,
                new Aggregation(List.of(methods), period));
        TemporalResult answer = entities().temporal(tenant, query);
        assertThat(answer).as("the same as from raw history").isEqualTo(((JdbcEntityStore) entities()).temporalFromHistory(tenant, query));
        return answer.entities().isEmpty() ? List.of() : answer.entities().get(0).aggregates().get("level");
    }

    @Test
    void hourlyAggregatesAgreeWithRawHistoryBeforeAndAfterFoldingAndWithLateData() throws Exception {
        try (AutoCloseable paused = rollups().pause()) {
            rollups().catchUp(); // what other tests left
            Entity gauge = readings(H0, 3 * 360);
            Method[] methods = {Method.TOTAL_COUNT, Method.MIN, Method.MAX, Method.SUM};
            List<Bucket> unfolded = levels(null, null, Duration.ofHours(1), methods);
            assertThat(unfolded).extracting(Bucket::from).containsExactly(H0, H0.plusSeconds(3600), H0.plusSeconds(7200));
            assertThat(unfolded).extracting(Bucket::to).containsExactly(H0.plusSeconds(3600), H0.plusSeconds(7200), H0.plusSeconds(10800));
            assertThat(unfolded).allSatisfy(b -> {
                assertThat(b.values().get(Method.TOTAL_COUNT)).isEqualTo(360.0);
                assertThat(b.values().get(Method.MIN)).isEqualTo(0.0);
                assertThat(b.values().get(Method.MAX)).isEqualTo(6.0);
            });
            assertThat(rollups().unfolded()).isEqualTo(3 * 360L);

            rollups().catchUp();
            assertThat(rollups().unfolded()).isZero();
            assertThat(levels(null, null, Duration.ofHours(1), methods)).isEqualTo(unfolded);

            entities().commit(List.of(new Change(tenant, gauge, gauge, List.of(reading(H0.plusSeconds(1805), 100)), H0)));
            List<Bucket> late = levels(null, null, Duration.ofHours(1), methods);
            assertThat(late.get(0).values()).containsEntry(Method.TOTAL_COUNT, 361.0).containsEntry(Method.MAX, 100.0);
            assertThat(late.subList(1, 3)).isEqualTo(unfolded.subList(1, 3));
            rollups().catchUp();
            assertThat(levels(null, null, Duration.ofHours(1), methods)).isEqualTo(late);
        }
        storage.close();
        storage = openStorage();
        assertThat(rollups().unfolded()).isZero();
        assertThat(levels(null, null, Duration.ofHours(1), Method.TOTAL_COUNT)).extracting(b -> b.values().get(Method.TOTAL_COUNT))
                .containsExactly(361.0, 360.0, 360.0);
    }

    @Test
    void aFoldOfMoreCellsThanItHoldsInMemorySendsThemInParts() {
        Entity gauge = twin.create("{\"id\": \"urn:x:r\", \"type\": \"urn:t:Gauge\"}");
        List<Change.HistoryPoint> points = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) points.add(reading(H0.plusSeconds(60L * i + 7), i % 11));
        entities().commit(List.of(new Change(tenant, gauge, gauge, points, H0)));
        rollups().catchUp();
        assertThat(levels(null, null, Duration.ofDays(1), Method.TOTAL_COUNT, Method.SUM)).hasSize(18)
                .allSatisfy(b -> assertThat(b.values().get(Method.TOTAL_COUNT)).isLessThanOrEqualTo(1440.0));
        assertThat(levels(null, null, Duration.ofHours(1), Method.TOTAL_COUNT)).hasSize(417);
    }

    @Test
    void windowsThatEndInsideACellAreCompletedFromRawHistory() {
        readings(H0, 3 * 360);
        rollups().catchUp();
        Instant from = H0.plusSeconds(600);
        Instant to = H0.plusSeconds(2 * 3600 + 35 * 60 + 17);
        List<Bucket> hourly = levels(from, to, Duration.ofHours(1), Method.TOTAL_COUNT, Method.AVG, Method.STDDEV, Method.SUMSQ);
        assertThat(hourly).extracting(b -> b.values().get(Method.TOTAL_COUNT)).containsExactly(360.0, 360.0, 152.0);
        assertThat(hourly.get(2).to()).isEqualTo(to);
        assertThat(levels(from.plusSeconds(7), to, Duration.ofHours(1), Method.TOTAL_COUNT)).extracting(b -> b.values().get(Method.TOTAL_COUNT))
                .containsExactly(360.0, 360.0, 151.0);
        assertThat(levels(from, to, null, Method.TOTAL_COUNT, Method.MAX)).singleElement()
                .satisfies(b -> assertThat(b.values()).containsEntry(Method.TOTAL_COUNT, 872.0).containsEntry(Method.MAX, 6.0));
        assertThat(levels(from, to, Duration.ofMinutes(15), Method.TOTAL_COUNT, Method.DISTINCT_COUNT)).hasSize(10)
                .allSatisfy(b -> assertThat(b.values().get(Method.DISTINCT_COUNT)).isEqualTo(7.0));
    }

    @Test
    void bucketsWithoutAWindowStartOnAWholePeriodBeforeTheFirstInstance() {
        Instant first = H0.plusSeconds(7 * 60 + 13);
        readings(first, 400);
        rollups().catchUp();
        assertThat(levels(null, null, Duration.ofHours(1), Method.TOTAL_COUNT).get(0).from()).isEqualTo(H0);
        assertThat(levels(null, null, Duration.ofMinutes(15), Method.TOTAL_COUNT).get(0)).satisfies(b -> {
            assertThat(b.from()).isEqualTo(H0);
            assertThat(b.to()).isEqualTo(H0.plusSeconds(900));
            assertThat(b.values().get(Method.TOTAL_COUNT)).isEqualTo(47.0);
        });
        assertThat(levels(null, null, Duration.ofDays(7), Method.TOTAL_COUNT).get(0).from()).isEqualTo(Instant.parse("2026-01-26T00:00:00Z"));
        assertThat(levels(null, H0.plusSeconds(3600), Duration.ofMinutes(40), Method.TOTAL_COUNT)).extracting(Bucket::from)
                .containsExactly(H0, H0.plusSeconds(2400));
        assertThat(levels(null, null, null, Method.TOTAL_COUNT)).singleElement().satisfies(b -> {
            assertThat(b.from()).isEqualTo(first);
            assertThat(b.to()).isEqualTo(first.plusSeconds(3990).plusNanos(1_000));
        });
    }

    @Test
    void historyOutlivesItsEntityAndARecreatedEntityContinuesIt() {
        readings(H0, 100);
        rollups().catchUp();
        twin.delete("urn:x:r");
        assertThat(levels(null, null, Duration.ofHours(1), Method.TOTAL_COUNT)).isEmpty();
        Entity again = twin.create("{\"id\": \"urn:x:r\", \"type\": \"urn:t:Gauge\"}");
        entities().commit(List.of(new Change(tenant, again, again, List.of(reading(H0.plusSeconds(5), 9)), H0)));
        assertThat(levels(null, null, Duration.ofHours(1), Method.TOTAL_COUNT, Method.MAX)).singleElement()
                .satisfies(b -> assertThat(b.values()).containsEntry(Method.TOTAL_COUNT, 101.0).containsEntry(Method.MAX, 9.0));
    }

    // ---- durability ----

    @Test
    void whatWasCommittedSurvivesClosingAndReopening() {
        Entity created = twin.create("{\"id\": \"urn:x:1\", \"type\": \"urn:t:Spot\", \"status\": \"free\", " + point(1, 2) + "}");
        storage.documents().put("subscriptions", tenant, "sub-1", json("{\"q\": \"status==free\"}"));
        storage.close();
        storage = openStorage();
        twin = new TestTwin(entities(), tenant);
        assertThat(entities().find(tenant, "urn:x:1")).isEqualTo(created);
        assertThat(ids("status==\"free\"")).containsExactly("urn:x:1");
        assertThat(query(new EntityQuery(null, null, null, null, near(1, 2, 1), null, 10, 0, false))).containsExactly("urn:x:1");
        assertThat(storage.documents().get("subscriptions", tenant, "sub-1")).contains(json("{\"q\": \"status==free\"}"));
        twin.update("urn:x:1", "{\"status\": \"taken\"}");
        assertThat(ids("status==\"taken\"")).containsExactly("urn:x:1");
    }

    // ---- documents ----

    @Test
    void documentsArePutListedAndDeleted() {
        DocumentStore documents = storage.documents();
        String collection = "devices-" + tenant;
        documents.put(collection, tenant, "b", json("{\"n\": 1}"));
        documents.put(collection, tenant, "a", json("{\"n\": 2}"));
        documents.put(collection, tenant + "-other", "c", json("{\"n\": 3}"));
        documents.put(collection, tenant, "b", json("{\"n\": 4}"));

        assertThat(documents.get(collection, tenant, "b")).contains(json("{\"n\": 4}"));
        assertThat(documents.get(collection, tenant + "-other", "b")).isEmpty();
        assertThat(documents.list(collection, tenant, 10)).extracting(DocumentStore.Document::id).containsExactly("b", "a");
        assertThat(documents.list(collection, null, 10)).extracting(DocumentStore.Document::tenant, DocumentStore.Document::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(tenant, "b"), org.assertj.core.groups.Tuple.tuple(tenant, "a"),
                        org.assertj.core.groups.Tuple.tuple(tenant + "-other", "c"));
        assertThat(documents.list(collection, null, 2)).hasSize(2);
        assertThat(documents.delete(collection, tenant, "b")).isTrue();
        assertThat(documents.delete(collection, tenant, "b")).isFalse();
        assertThat(documents.list(collection, tenant, 10)).extracting(DocumentStore.Document::id).containsExactly("a");
    }

    // ---- helpers ----

    protected List<String> ids(String q) {
        return query(new EntityQuery(null, null, null, QueryParser.parse(q), null, null, EntityQuery.MAX_LIMIT, 0, false));
    }

    protected List<String> query(EntityQuery query) {
        return idsOf(entities().query(tenant, query));
    }

    protected static List<String> idsOf(QueryResult result) {
        return result.entities().stream().map(Entity::id).toList();
    }

    /** Checks q against the expected short ids, and against the in-memory reference matcher over all the tenant's entities. */
    private void assertQ(String q, String... expected) {
        List<String> expectedIds = java.util.Arrays.stream(expected).map(s -> "urn:x:" + s).toList();
        EntityQuery query = new EntityQuery(null, null, null, QueryParser.parse(q), null, null, EntityQuery.MAX_LIMIT, 0, true);
        QueryResult result = entities().query(tenant, query);
        assertThat(idsOf(result)).as(q).containsExactlyElementsOf(expectedIds);
        assertThat(result.totalCount()).as(q + " count").isEqualTo(expected.length);
        Set<String> all = new LinkedHashSet<>(IntStream.rangeClosed(1, 5).mapToObj(i -> "urn:x:s" + i).toList());
        List<String> reference = entities().findAll(tenant, all).values().stream().filter(query.matcher()).map(Entity::id).sorted()
                .collect(Collectors.toList());
        assertThat(reference).as(q + " in memory").containsExactlyElementsOf(expectedIds);
    }
}
