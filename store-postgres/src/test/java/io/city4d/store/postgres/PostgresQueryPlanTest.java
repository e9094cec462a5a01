package io.city4d.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.store.jdbc.PlannedQueries;
import io.city4d.store.jdbc.QueryStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresQueryPlanTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    /** With sequential scans discouraged, a plan still holding one shows that no index can answer the query. */
    @Test
    void selectiveQueriesCanBeAnsweredFromIndexes() throws SQLException {
        try (PostgresStorage storage = new PostgresStorage(DATABASE.url(), PostgresTestDatabase.USER, null);
             Connection connection = DriverManager.getConnection(DATABASE.url(), PostgresTestDatabase.USER, null)) {
            PlannedQueries.populate(storage.entities(), "", 3000);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
                statement.execute("SET enable_seqscan = off");
            }
            PlannedQueries.queries().forEach((name, query) -> {
                List<String> plan = PlannedQueries.plan(connection, "EXPLAIN", QueryStatements.of(new PostgisDialect(), "", query), "QUERY PLAN");
                assertThat(plan).as(name + ": " + plan).noneMatch(step -> step.contains("Seq Scan"));
                assertThat(storage.entities().query("", query).entities()).as(name).isNotEmpty();
            });
        }
    }
}
