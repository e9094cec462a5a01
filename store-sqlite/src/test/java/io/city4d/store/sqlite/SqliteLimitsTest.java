package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.LimitsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteLimitsTest extends LimitsContract {
    @TempDir
    static Path directory;

    @Override
    protected Storage openStorage() {
        return new SqliteStorage(directory.resolve("city4d.db"));
    }
}
