package io.city4d.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.TemporalQuery;
import io.city4d.core.query.TemporalQuery.Aggregation;
import io.city4d.core.query.TemporalQuery.Method;
import io.city4d.core.query.TemporalResult;
import io.city4d.core.query.TemporalResult.Bucket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A database as a store before rollups (schema version 1) left it, with history, and what the current store must
 * make of it: fold that history after the upgrade and answer from it.
 */
public final class HistoryUpgrade {
    public static final String ENTITY = "urn:x:before-rollups";
    private static final Instant FIRST = Instant.parse("2025-06-01T00:00:00Z");
    private static final int POINTS = 3 * 720;

    private HistoryUpgrade() {}

    /** Migrates the database to version 1 only, then writes an entity with a reading every 5 s over three hours. */
    public static void writeVersion1(DataSource database, String migrations) throws SQLException {
        Flyway.configure().dataSource(database).locations(migrations).target("1").load().migrate();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            String body = EntityCodec.write(TestTwin.entity("{\"id\": \"" + ENTITY + "\", \"type\": \"urn:t:Old\"}"));
            long entity = Jdbc.count(connection, SqlFragment.of("INSERT INTO entity (tenant, id, body) VALUES ('', ?, ?) RETURNING key", ENTITY, body));
            Jdbc.update(connection, SqlFragment.of("INSERT INTO entity_type (entity_key, tenant, type) VALUES (?, '', 'urn:t:Old')", entity));
            long series = Jdbc.count(connection, SqlFragment.of("INSERT INTO series (tenant, entity_id, attr) VALUES ('', ?, 'level') RETURNING key", ENTITY));
            for (int i = 0; i < POINTS; i++) {
                Instant at = FIRST.plusSeconds(5L * i);
                double value = i % 10;
                Jdbc.update(connection, SqlFragment.of("INSERT INTO history (series_key, at, num_value, str_value, body) VALUES (?, ?, ?, NULL, ?)",
                        series, Micros.of(at), value, EntityCodec.writeAttribute(Property.of(Json.NODES.numberNode(value), at))));
            }
            connection.commit();
        }
    }

    /** The upgraded store folds the old history and answers from its rollups as from the raw rows. */
    public static void assertUpgraded(JdbcStorage storage) {
        HistoryRollups rollups = storage.rollups();
        rollups.catchUp();
        assertThat(rollups.unfolded()).isZero();
        TemporalQuery hourly = new TemporalQuery(EntityQuery.byIds(Set.of(ENTITY)), Set.of("level"), null, null, null,
                new Aggregation(List.of(Method.TOTAL_COUNT, Method.AVG, Method.MAX), Duration.ofHours(1)));
        JdbcEntityStore entities = (JdbcEntityStore) storage.entities();
        TemporalResult answer = entities.temporal("", hourly);
        assertThat(answer).isEqualTo(entities.temporalFromHistory("", hourly));
        List<Bucket> buckets = answer.entities().get(0).aggregates().get("level");
        assertThat(buckets).extracting(Bucket::from).containsExactly(FIRST, FIRST.plusSeconds(3600), FIRST.plusSeconds(7200));
        assertThat(buckets).allSatisfy(b -> assertThat(b.values()).containsEntry(Method.TOTAL_COUNT, 720.0)
                .containsEntry(Method.AVG, 4.5).containsEntry(Method.MAX, 9.0));
    }
}
