package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Entity;
import io.city4d.core.port.Storage;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryParser;
import io.city4d.core.query.TemporalQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A database written before the store counted multi-valued attributes and kept a series per datasetId upgrades to counts
 * that let its queries merge, and to series whose old keys stay those of the default instances.
 */
public abstract class SchemaUpgradeContract {

    /** Opens the storage under test on the database of {@link #openConnection}. */
    protected abstract Storage openStorage();

    /** A plain connection to the same database. */
    protected abstract Connection openConnection() throws SQLException;

    /** Undoes version 4 (series per datasetId): series keyed by tenant, entity and attribute alone, as before. */
    protected abstract void seriesWithoutDatasets(Statement statement) throws SQLException;

    /** Undoes version 5 (history rows with an id): history as before, its rows in the same order. */
    protected abstract void historyWithoutIds(Statement statement) throws SQLException;

    @Test
    void aDatabaseFromBeforeMultiValuedCountsUpgradesCleanly() throws SQLException {
        List<Entity> entities = new ArrayList<>();
        try (Storage storage = openStorage()) {
            TestTwin twin = new TestTwin(storage.entities(), "upgraded");
            for (int i = 0; i < 30; i++) {
                String a = i % 10 == 0 ? "[" + (i % 4) + ", " + (i % 4 + 2) + "]" : Integer.toString(i % 4);
                entities.add(twin.create("{\"id\": \"urn:x:%02d\", \"type\": \"urn:t:Spot\", \"a\": {\"type\": \"Property\", \"value\": %s}, \"b\": %d}"
                        .formatted(i, a, i % 5)));
            }
        }
        // version 3 added the column and its backfill, version 4 the datasetId of series, version 5 the ids of history
        // rows: without them the database is as version 2 left it
        try (Connection connection = openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE summary_count DROP COLUMN multi_valued");
            seriesWithoutDatasets(statement);
            historyWithoutIds(statement);
            statement.execute("DELETE FROM flyway_schema_history WHERE version IN ('3', '4', '5')");
        }
        try (Storage storage = openStorage()) {
            assertThat(multiValued()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3L, "b", 0L));
            for (String q : List.of("a>=1;a<2", "a>1;a<=2", "b>=1;b<2", "a>=3;a<1")) {
                EntityQuery query = new EntityQuery(null, null, null, QueryParser.parse(q), null, null, EntityQuery.MAX_LIMIT, 0, true);
                List<String> expected = entities.stream().filter(query.matcher()).map(Entity::id).sorted().toList();
                assertThat(storage.entities().query("upgraded", query).entities()).as(q).extracting(Entity::id).containsExactlyElementsOf(expected);
            }
            // the old series are the default instances': new values of those append to them, other instances get their own
            TestTwin twin = new TestTwin(storage.entities(), "upgraded");
            twin.update("urn:x:00", "{\"b\": 7, \"a\": [{\"type\": \"Property\", \"value\": 9, \"datasetId\": \"urn:d:1\"}]}");
            TemporalQuery history = new TemporalQuery(EntityQuery.byIds(Set.of("urn:x:00")), null, null, null, null, null);
            var attributes = storage.entities().temporal("upgraded", history).entities().get(0).instances();
            assertThat(attributes.get("b")).extracting(i -> i.attribute().get("value").asInt()).containsExactly(0, 7);
            assertThat(attributes.get("a")).extracting(i -> i.attribute().path("datasetId").asText("")).containsExactly("", "urn:d:1");
            assertThat(attributes.get("b")).as("history rows of before the upgrade have ids too").extracting(i -> i.id()).doesNotHaveDuplicates()
                    .allMatch(id -> id > 0);
            try (Connection connection = openConnection()) {
                assertThat(Jdbc.count(connection, SqlFragment.of("SELECT COUNT(*) FROM series WHERE tenant = 'upgraded'"))).isEqualTo(61);
            }
            // an attribute now of several instances: the counts keep queries answering as the matcher does
            Entity multi = storage.entities().find("upgraded", "urn:x:00");
            for (String q : List.of("a>=3;a<1", "a==9", "a>8;a<10")) {
                EntityQuery query = new EntityQuery(null, null, null, QueryParser.parse(q), null, null, EntityQuery.MAX_LIMIT, 0, true);
                assertThat(storage.entities().query("upgraded", query).entities()).as(q).extracting(Entity::id).contains(multi.id());
            }
        }
    }

    private Map<String, Long> multiValued() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = openConnection()) {
            Jdbc.list(connection, SqlFragment.of("SELECT attr, multi_valued FROM summary_count WHERE tenant = 'upgraded' AND type = ''"),
                    row -> counts.put(row.getString(1), row.getLong(2)));
        }
        return counts;
    }
}
