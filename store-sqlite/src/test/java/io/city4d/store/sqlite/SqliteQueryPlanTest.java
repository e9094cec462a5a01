package io.city4d.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.store.jdbc.PlannedQueries;
import io.city4d.store.jdbc.QueryStatements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteQueryPlanTest {
    @TempDir
    Path directory;

    @Test
    void selectiveQueriesStartFromAnIndex() throws SQLException {
        Path file = directory.resolve("plans.db");
        try (SqliteStorage storage = new SqliteStorage(file)) {
            PlannedQueries.populate(storage.entities(), "", 3000);
        }
        try (SqliteStorage storage = new SqliteStorage(file);
             Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            PlannedQueries.queries().forEach((name, query) -> {
                List<String> plan = PlannedQueries.plan(connection, "EXPLAIN QUERY PLAN", QueryStatements.of(new SqliteDialect(), "", query), "detail");
                assertThat(plan).as(name).noneMatch(step -> step.contains("SCAN e") || step.contains("SCAN a") || step.contains("SCAN t")
                        || step.contains("SCAN g") || step.contains("sqlite_autoindex_entity_1 (tenant=?)"));
                assertThat(storage.entities().query("", query).entities()).as(name).isNotEmpty();
            });
        }
    }
}
