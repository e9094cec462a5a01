package io.city4d.bench.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh PostgreSQL database for one benchmark server, dropped again on close. */
public final class PostgresDatabase implements AutoCloseable {
    private static final int MAX_DROP_ATTEMPTS = 10;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;

    private PostgresDatabase(String adminUrl, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates {@code city4d_bench_<time>} on the server that {@code adminUrl} (any database on it) points at. */
    public static PostgresDatabase create(String adminUrl, String user, String password) {
        String name = "city4d_bench_" + System.currentTimeMillis() + "_" + (System.nanoTime() & 0xffff);
        PostgresDatabase db = new PostgresDatabase(adminUrl, user, password, name);
        db.execute("CREATE DATABASE " + name);
        return db;
    }

    /** The JDBC URL of the fresh database: the admin URL with its database name replaced. */
    public String url() {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    public String user() { return user; }

    public String password() { return password; }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl + " refused: " + sql + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        for (int attempt = 1; ; attempt++) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (IllegalStateException e) {
                if (attempt == MAX_DROP_ATTEMPTS) throw e;
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
