package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.SchemaUpgradeContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaUpgradeTest extends SchemaUpgradeContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected Storage openStorage() {
        return new PostgresStorage(DATABASE.url(), PostgresTestDatabase.USER, null);
    }

    @Override
    protected Connection openConnection() throws SQLException {
        return DriverManager.getConnection(DATABASE.url(), PostgresTestDatabase.USER, null);
    }

    @Override
    protected void seriesWithoutDatasets(Statement statement) throws SQLException {
        statement.execute("ALTER TABLE series DROP CONSTRAINT series_tenant_entity_id_attr_dataset_id_key");
        statement.execute("ALTER TABLE series DROP COLUMN dataset_id");
        statement.execute("ALTER TABLE series ADD CONSTRAINT series_tenant_entity_id_attr_key UNIQUE (tenant, entity_id, attr)");
    }

    @Override
    protected void historyWithoutIds(Statement statement) throws SQLException {
        statement.execute("ALTER TABLE history DROP COLUMN id");
    }
}
