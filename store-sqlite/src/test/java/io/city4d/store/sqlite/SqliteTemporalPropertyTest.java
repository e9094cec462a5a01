package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.TemporalPropertyContract;
import java.nio.file.Path;

class SqliteTemporalPropertyTest extends TemporalPropertyContract {
    private static final Path FILE = TemporaryDatabase.file("city4d-sqlite-temporal");

    @Override
    protected Storage openStorage() {
        return new SqliteStorage(FILE);
    }
}
