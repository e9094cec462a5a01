package io.city4d.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.city4d.store.jdbc.JdbcConnections;
import io.city4d.store.jdbc.JdbcStorage;
import io.city4d.store.jdbc.Migrations;
import io.city4d.store.jdbc.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded default store: one SQLite file in WAL mode with synchronous=FULL, so a commit survives a crash of the
 * process and of the machine. One connection writes (SQLite allows one writer); a few read connections query the
 * last committed state alongside it. The file is memory-mapped for reading.
 */
public final class SqliteStorage extends JdbcStorage {
    private static final int READERS = 4;
    /**
     * Reads map the file rather than copy pages through each connection's cache: queries touch pages all over the
     * indexes, far more than the cache holds.
     */
    private static final long MEMORY_MAP_BYTES = 16L << 30;

    public SqliteStorage(Path databaseFile) {
        super(new SqliteDialect(), open(databaseFile));
    }

    private static JdbcConnections open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of " + absolute, e);
        }
        String url = "jdbc:sqlite:" + absolute;
        HikariDataSource writer = pool(url, "writer", 1, false);
        try {
            Migrations.apply(writer, "classpath:db/migration/sqlite");
            HikariDataSource readers = pool(url, "readers", READERS, true);
            return new JdbcConnections(readers, writer, "sqlite:" + absolute, () -> {
                readers.close();
                writer.close();
            });
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String url, String role, int size, boolean reading) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(30_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-32_000);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MEMORY_MAP_BYTES));
        config.setReadOnly(reading);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("city4d-sqlite-" + role);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(reading ? 1 : size);
        hikari.setAutoCommit(reading);
        hikari.setReadOnly(reading);
        return new HikariDataSource(hikari);
    }
}
