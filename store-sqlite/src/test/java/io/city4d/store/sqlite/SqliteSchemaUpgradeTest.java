package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.SchemaUpgradeContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaUpgradeTest extends SchemaUpgradeContract {
    @TempDir
    Path directory;

    @Override
    protected Storage openStorage() {
        return new SqliteStorage(directory.resolve("city4d.db"));
    }

    @Override
    protected Connection openConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("city4d.db"));
    }
}
