package io.city4d.server;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TemporalProvisionContract} on PostgreSQL with PostGIS at 127.0.0.1:5432, a fresh database per test. */
class PostgresTemporalProvisionTest extends TemporalProvisionContract {
    @RegisterExtension
    final FreshPostgresDatabase database = new FreshPostgresDatabase();

    @Override
    TestServer start(Path dir) {
        return new TestServer(TestServer.config(dir).withPostgres(database.url(), FreshPostgresDatabase.USER, null));
    }
}
