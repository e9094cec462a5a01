package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.TemporalPropertyContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

class SqliteTemporalPropertyTest extends TemporalPropertyContract {
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path directory = Files.createTempDirectory("city4d-sqlite-temporal");
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
