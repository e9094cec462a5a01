package io.city4d.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.store.jdbc.PlannedQueries;
import io.city4d.store.jdbc.QueryStatements;
import io.city4d.store.jdbc.SqlFragment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selective queries start from an index, never from all entities, whatever SQLite's statistics say: fresh ones, none,
 * or those a long-lived connection loaded while the database was still empty.
 */
class SqliteQueryPlanTest {
    @TempDir
    Path directory;

    @Test
    void selectiveQueriesStartFromAnIndex() throws SQLException {
        Path file = populated("plans.db");
        try (SqliteStorage storage = new SqliteStorage(file); Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertPlansUseIndexes(storage, connection);
        }
    }

    @Test
    void plansHoldOnAConnectionWhoseStatisticsDateFromAnEmptyDatabase() throws SQLException {
        Path file = directory.resolve("stale.db");
        try (SqliteStorage storage = new SqliteStorage(file); Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            PlannedQueries.plan(connection, "EXPLAIN QUERY PLAN", QueryStatements.of(new SqliteDialect(), connection, "",
                    PlannedQueries.queries().values().iterator().next()).get(0), "detail");
            PlannedQueries.populate(storage.entities(), "", 3000);
            assertPlansUseIndexes(storage, connection);
        }
    }

    @Test
    void plansHoldWithoutStatistics() throws SQLException {
        Path file = populated("unanalysed.db");
        try (SqliteStorage storage = new SqliteStorage(file); Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM sqlite_stat1");
                statement.execute("ANALYZE sqlite_schema");
            }
            assertPlansUseIndexes(storage, connection);
        }
    }

    @Test
    void plansHoldOnAConnectionWhoseStatisticsDateFromAFewEntities() throws SQLException {
        Path file = directory.resolve("few.db");
        try (SqliteStorage storage = new SqliteStorage(file); Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            PlannedQueries.populate(storage.entities(), "", 5);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            PlannedQueries.populate(storage.entities(), "few", 3000);
            assertPlansUseIndexes(storage, connection, "few");
        }
    }

    @Test
    void noStatisticsCallATableEmpty() throws SQLException {
        Path file = directory.resolve("empty.db");
        try (SqliteStorage storage = new SqliteStorage(file); Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM sqlite_stat1 WHERE stat LIKE '0%'")) {
            assertThat(row.getLong(1)).isZero();
        }
    }

    private Path populated(String name) {
        Path file = directory.resolve(name);
        try (SqliteStorage storage = new SqliteStorage(file)) {
            PlannedQueries.populate(storage.entities(), "", 3000);
        }
        return file;
    }

    private static void assertPlansUseIndexes(SqliteStorage storage, Connection connection) {
        assertPlansUseIndexes(storage, connection, "");
    }

    private static void assertPlansUseIndexes(SqliteStorage storage, Connection connection, String tenant) {
        PlannedQueries.queries().forEach((name, query) -> {
            List<SqlFragment> statements = QueryStatements.of(new SqliteDialect(), connection, tenant, query);
            for (int i = 0; i < statements.size(); i++) {
                List<String> plan = PlannedQueries.plan(connection, "EXPLAIN QUERY PLAN", statements.get(i), "detail");
                // a SCAN may only read a subquery (n: the keys a count counts) or the R*Tree through its index; no index is read into a Bloom filter
                assertThat(plan).as(name + ": " + plan).allMatch(step -> !step.startsWith("SCAN ") || step.matches("SCAN [kdpcn]( .*)?") || step.equals("SCAN CONSTANT ROW")
                        || step.matches("SCAN r VIRTUAL TABLE INDEX \\d+:.+"));
                assertThat(plan).as(name + ": " + plan).noneMatch(step -> step.contains("BLOOM FILTER"));
                // only the counts of the leads, capped, may read the tenant's entities whole
                if (i > 0) assertThat(plan).as(name + ": " + plan).noneMatch(step -> step.contains("(tenant=?)"));
            }
            assertThat(storage.entities().query(tenant, query).entities()).as(name).isNotEmpty();
        });
    }
}
