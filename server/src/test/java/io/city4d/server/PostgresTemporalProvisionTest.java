package io.city4d.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link TemporalProvisionContract} on PostgreSQL with PostGIS at 127.0.0.1:5432, a fresh database per test. */
class PostgresTemporalProvisionTest extends TemporalProvisionContract {
    @RegisterExtension
    final FreshPostgresDatabase database = new FreshPostgresDatabase();
    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void start() {
        server = server();
    }

    private TestServer server() {
        return new TestServer(ServerConfig.embedded(dir, TestServer.freePort(), -1).withAdminToken(TestServer.ADMIN)
                .withPostgres(database.url(), FreshPostgresDatabase.USER, null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    Api api() {
        return server.api();
    }

    @Override
    void restart() {
        server.close();
        server = server();
    }
}
