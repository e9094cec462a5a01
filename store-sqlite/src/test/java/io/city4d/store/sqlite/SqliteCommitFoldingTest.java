package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.CommitFoldingContract;
import java.nio.file.Path;

class SqliteCommitFoldingTest extends CommitFoldingContract {
    private static final Path FILE = TemporaryDatabase.file("city4d-sqlite-folding");

    @Override
    protected Storage openStorage() {
        return new SqliteStorage(FILE);
    }
}
