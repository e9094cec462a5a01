package io.city4d.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server on PostgreSQL with PostGIS at 127.0.0.1:5432, in a fresh database and data directory for each test, with
 * the test configuration of {@link TestServer#config}: what a store contract needs to run on PostgreSQL.
 */
final class PostgresTestServer implements BeforeEachCallback, AfterEachCallback {
    private final FreshPostgresDatabase database = new FreshPostgresDatabase();
    private Path dir;
    private TestServer server;

    Api api() {
        return server.api();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        database.beforeEach(context);
        dir = Files.createTempDirectory("city4d-postgres-test");
        server = new TestServer(TestServer.config(dir).withPostgres(database.url(), FreshPostgresDatabase.USER, null));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (server != null) server.close();
        } finally {
            database.afterEach(context);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(PostgresTestServer::delete);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
