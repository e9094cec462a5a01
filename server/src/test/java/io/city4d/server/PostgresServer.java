package io.city4d.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A server on a fresh PostgreSQL database for each test, for the contract tests that run on both stores. */
final class PostgresServer implements BeforeEachCallback, AfterEachCallback {
    private final FreshPostgresDatabase database = new FreshPostgresDatabase();
    private Path dir;
    private TestServer server;

    Api api() {
        return server.api();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        database.beforeEach(context);
        dir = Files.createTempDirectory("city4d-postgres-server");
        server = new TestServer(ServerConfig.embedded(dir, TestServer.freePort(), -1).withAdminToken(TestServer.ADMIN)
                .withPostgres(database.url(), FreshPostgresDatabase.USER, null));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (server != null) server.close();
        } finally {
            database.afterEach(context);
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
