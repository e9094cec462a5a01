package io.city4d.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust authentication) for one test
 * class, dropped afterwards. When the server cannot be reached the tests are skipped, except under CI=true, where
 * they fail: CI must test the PostgreSQL store.
 */
final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    private String name;

    String url() {
        if (name == null) create();
        return SERVER + name;
    }

    void create() {
        name = "city4d_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            name = null;
            String why = "PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(why + "; CI=true requires it", e);
            Assumptions.abort(why + ": skipping the PostgreSQL store tests");
        }
    }

    void drop() throws SQLException {
        if (name == null) return;
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        name = null;
    }

    private static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(SERVER + database, properties);
    }

    PostgresStorage open() {
        return new PostgresStorage(url(), USER, null);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        drop();
    }
}
