package io.city4d.store.sqlite;

import io.city4d.store.jdbc.TemporalStatements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
            TemporalStatements.assertIndexed(new SqliteDialect(), connection, new TemporalStatements.PlanSteps("EXPLAIN QUERY PLAN", "detail",
                    "SCAN history", "SEARCH history USING INDEX history_by_series (series_key=? AND at>? AND at<?)",
                    "SEARCH history_rollup USING PRIMARY KEY", "SEARCH history USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"));
        }
    }
}
