package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.SchemaUpgradeContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    @Override
    protected void seriesWithoutDatasets(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE series_before (key INTEGER PRIMARY KEY, tenant TEXT NOT NULL, entity_id TEXT NOT NULL, attr TEXT NOT NULL, "
                + "UNIQUE (tenant, entity_id, attr))");
        statement.execute("INSERT INTO series_before SELECT key, tenant, entity_id, attr FROM series");
        statement.execute("DROP TABLE series");
        statement.execute("ALTER TABLE series_before RENAME TO series");
    }

    @Override
    protected void historyWithoutIds(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE history_before (series_key INTEGER NOT NULL, at INTEGER NOT NULL, num_value REAL, str_value TEXT, body TEXT NOT NULL)");
        statement.execute("INSERT INTO history_before (rowid, series_key, at, num_value, str_value, body) SELECT id, series_key, at, num_value, str_value, body FROM history");
        statement.execute("DROP TABLE history");
        statement.execute("ALTER TABLE history_before RENAME TO history");
        statement.execute("CREATE INDEX history_by_series ON history (series_key, at)");
    }
}
