package io.city4d.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.store.jdbc.PlannedQueries;
import io.city4d.store.jdbc.QueryStatements;
import io.city4d.store.jdbc.SqlFragment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Selective queries start from an index and read only the rows they need, with or without planner statistics:
 * autovacuum may be off, or not have analysed a bulk load yet.
 */
class PostgresQueryPlanTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void selectiveQueriesStartFromAnIndexWithAndWithoutStatistics() throws SQLException {
        try (PostgresStorage storage = new PostgresStorage(DATABASE.url(), PostgresTestDatabase.USER, null);
             Connection connection = DriverManager.getConnection(DATABASE.url(), PostgresTestDatabase.USER, null)) {
            try (Statement statement = connection.createStatement()) {
                for (String table : List.of("entity", "entity_type", "attr_index", "geo_index")) {
                    statement.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
                }
            }
            PlannedQueries.populate(storage.entities(), "", 3000);
            assertPlansUseIndexes(storage, connection, "without statistics");
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            assertPlansUseIndexes(storage, connection, "with statistics");
        }
    }

    private static void assertPlansUseIndexes(PostgresStorage storage, Connection connection, String statistics) throws SQLException {
        connection.setAutoCommit(false);
        try {
            PlannedQueries.queries().forEach((name, query) -> {
                for (SqlFragment statement : QueryStatements.of(new PostgisDialect(), connection, "", query)) {
                    List<String> plan = PlannedQueries.plan(connection, "EXPLAIN", statement, "QUERY PLAN");
                    assertThat(plan).as(name + " " + statistics + ": " + plan)
                            .noneMatch(step -> step.contains("Seq Scan") || step.contains("Bitmap") || step.matches(".*Hash( \\w+)* Join.*"));
                }
                assertThat(storage.entities().query("", query).entities()).as(name).isNotEmpty();
            });
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
