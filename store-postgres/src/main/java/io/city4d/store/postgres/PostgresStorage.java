package io.city4d.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.city4d.store.jdbc.JdbcConnections;
import io.city4d.store.jdbc.JdbcStorage;
import io.city4d.store.jdbc.Migrations;

/**
 * The cluster store: PostgreSQL with PostGIS. Queries share a connection pool; the group-commit writer borrows a
 * connection from it for each group, so concurrent commits of many nodes' partitions still share fsyncs.
 */
public final class PostgresStorage extends JdbcStorage {
    private static final int POOL_SIZE = 8;

    /** Connects to the database and migrates its schema; {@code user} and {@code password} may be null. */
    public PostgresStorage(String jdbcUrl, String user, String password) {
        super(new PostgisDialect(), open(jdbcUrl, user, password));
    }

    private static JdbcConnections open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setPoolName("city4d-postgres");
        // JIT compiles a plan whose estimated cost is high, such as a range over history the planner cannot size; for
        // City4D's indexed reads the compiling (30 ms and more) costs more than it saves.
        config.addDataSourceProperty("options", "-c jit=off");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Migrations.apply(pool, "classpath:db/migration/postgres");
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new JdbcConnections(pool, pool, "postgres:" + withoutCredentials(jdbcUrl), pool);
    }

    private static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
