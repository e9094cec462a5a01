package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.QueryPropertyContract;
import java.nio.file.Path;

class SqliteQueryPropertyTest extends QueryPropertyContract {
    private static final Path FILE = TemporaryDatabase.file("city4d-sqlite-property");

    @Override
    protected Storage openStorage() {
        return new SqliteStorage(FILE);
    }
}
