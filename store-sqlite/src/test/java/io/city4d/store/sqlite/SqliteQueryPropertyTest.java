package io.city4d.store.sqlite;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.QueryPropertyContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

class SqliteQueryPropertyTest extends QueryPropertyContract {
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path directory = Files.createTempDirectory("city4d-sqlite-property");
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
