package io.city4d.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.store.jdbc.PlannedQueries;
import io.city4d.store.jdbc.TemporalStatements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTemporalPlanTest {
    @TempDir
    Path directory;

    @Test
    void aggregationsReadRollupsAndHistoryThroughTheirKeys() throws SQLException {
        Path file = directory.resolve("plans.db");
        new SqliteStorage(file).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            TemporalStatements.of(new SqliteDialect(), 1).forEach((name, statement) -> {
                List<String> plan = PlannedQueries.plan(connection, "EXPLAIN QUERY PLAN", statement, "detail");
                assertThat(plan).as(name + ": " + plan).noneMatch(step -> step.startsWith("SCAN history"))
                        .anyMatch(step -> step.startsWith("SEARCH history USING INDEX history_by_series (series_key=? AND at>? AND at<?)"));
                if (name.equals("from rollups")) {
                    assertThat(plan).as(name + ": " + plan).anyMatch(step -> step.startsWith("SEARCH history_rollup USING PRIMARY KEY"))
                            .anyMatch(step -> step.startsWith("SEARCH history USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"));
                }
            });
        }
    }
}
