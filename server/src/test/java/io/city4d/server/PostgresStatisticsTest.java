package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk load through the API leaves PostgreSQL with statistics that describe it, refreshed by the store itself while
 * autovacuum is off for its tables: the planner never plans over an empty table that is full.
 */
class PostgresStatisticsTest {
    @RegisterExtension
    final FreshPostgresDatabase database = new FreshPostgresDatabase();
    private static final int ENTITIES = 12_000;

    @Test
    void aBulkLoadThroughTheApiIsAnalysedByTheStoreWhateverAutovacuumDoes(@TempDir Path dir) throws Exception {
        String url = database.url();
        ServerConfig config = ServerConfig.embedded(dir, TestServer.freePort(), -1).withAdminToken(TestServer.ADMIN).withPostgres(url, "postgres", null);
        try (TestServer server = new TestServer(config); Connection sql = DriverManager.getConnection(url, "postgres", null)) {
            try (Statement statement = sql.createStatement()) {
                for (String table : new String[] {"entity", "entity_type", "attr_index", "geo_index", "summary_count", "series"}) {
                    statement.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
                }
            }
            Api api = server.api();
            for (int from = 0; from < ENTITIES; from += 1_000) {
                String batch = IntStream.range(from, from + 1_000).mapToObj(i -> TestServer.station("urn:ngsi-ld:AirQualityObserved:s" + i, i % 90,
                        105.80 + (i % 100) * 0.001, 21.00 + (i / 100) * 0.001)).collect(Collectors.joining(",", "[", "]"));
                assertThat(api.post("/ngsi-ld/v1/entityOperations/upsert", batch).status()).isEqualTo(201);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (estimatedRows(sql, "entity") < ENTITIES * 0.9 && System.nanoTime() < deadline) Thread.sleep(200);
            assertThat(estimatedRows(sql, "entity")).as("rows the planner believes entity holds").isGreaterThan(ENTITIES * 0.9);
            assertThat(estimatedRows(sql, "attr_index")).as("rows the planner believes attr_index holds").isGreaterThan(ENTITIES * 0.9);
            try (Statement statement = sql.createStatement();
                 ResultSet row = statement.executeQuery("SELECT last_analyze IS NOT NULL, last_autoanalyze IS NULL FROM pg_stat_user_tables WHERE relname = 'entity'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).as("analysed by the store").isTrue();
                assertThat(row.getBoolean(2)).as("not by autovacuum").isTrue();
            }
            var found = api.get("/ngsi-ld/v1/entities?type=AirQualityObserved&q=pm25%3D%3D7&count=true&limit=1");
            assertThat(found.header("NGSILD-Results-Count")).hasValue(Integer.toString(ENTITIES / 90 + (ENTITIES % 90 > 7 ? 1 : 0)));
        }
    }

    private static double estimatedRows(Connection sql, String table) throws SQLException {
        try (Statement statement = sql.createStatement(); ResultSet row = statement.executeQuery("SELECT reltuples FROM pg_class WHERE relname = '" + table + "'")) {
            return row.next() ? row.getDouble(1) : -1;
        }
    }
}
