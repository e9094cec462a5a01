package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Entity;
import io.city4d.core.port.Storage;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.QueryParser;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A database written before the store counted multi-valued attributes upgrades to counts that let its queries merge. */
public abstract class SchemaUpgradeContract {

    /** Opens the storage under test on the database of {@link #openConnection}. */
    protected abstract Storage openStorage();

    /** A plain connection to the same database. */
    protected abstract Connection openConnection() throws SQLException;

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
        // version 3 added the column and its backfill: without them the database is as version 1 left it
        try (Connection connection = openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE summary_count DROP COLUMN multi_valued");
            statement.execute("DELETE FROM flyway_schema_history WHERE version = '3'");
        }
        try (Storage storage = openStorage()) {
            assertThat(multiValued()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3L, "b", 0L));
            for (String q : List.of("a>=1;a<2", "a>1;a<=2", "b>=1;b<2", "a>=3;a<1")) {
                EntityQuery query = new EntityQuery(null, null, null, QueryParser.parse(q), null, null, EntityQuery.MAX_LIMIT, 0, true);
                List<String> expected = entities.stream().filter(query.matcher()).map(Entity::id).sorted().toList();
                assertThat(storage.entities().query("upgraded", query).entities()).as(q).extracting(Entity::id).containsExactlyElementsOf(expected);
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
