package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.CommitFoldingContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

class SqliteCommitFoldingTest extends CommitFoldingContract {
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path directory = Files.createTempDirectory("city4d-sqlite-folding");
            directory.toFile().deleteOnExit();
            return directory.resolve("city4d.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Storage openStorage() {
        return new SqliteStorage(FILE);
    }
}
