package io.city4d.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A new database on the PostgreSQL server at 127.0.0.1:5432 for each test, dropped afterwards:
 * {@code @RegisterExtension final FreshPostgresDatabase database = new FreshPostgresDatabase()}. Without the server the
 * test is skipped, except under CI=true, where it fails.
 */
final class FreshPostgresDatabase implements BeforeEachCallback, AfterEachCallback {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String USER = "postgres";
    private String name;

    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        name = "city4d_server_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            assumeTrue(MqttDevicesTest.isCi(), "PostgreSQL is not reachable on 127.0.0.1:5432: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, null)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
