package io.city4d.store.sqlite;

import io.city4d.store.jdbc.HistoryUpgrade;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteUpgradeTest {
    @TempDir
    Path directory;

    @Test
    void aDatabaseWithHistoryFromBeforeRollupsIsUpgradedAndFolded() throws SQLException {
        Path file = directory.resolve("v1.db");
        SQLiteDataSource version1 = new SQLiteDataSource();
        version1.setUrl("jdbc:sqlite:" + file);
        HistoryUpgrade.writeVersion1(version1, "classpath:db/migration/sqlite");
        try (SqliteStorage storage = new SqliteStorage(file)) {
            HistoryUpgrade.assertUpgraded(storage);
        }
    }
}
