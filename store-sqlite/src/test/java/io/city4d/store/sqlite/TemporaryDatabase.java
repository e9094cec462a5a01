package io.city4d.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A database file in a new temporary directory, for test suites whose lifecycle gives them no @TempDir. */
final class TemporaryDatabase {
    private TemporaryDatabase() {}

    static Path file(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory.resolve("city4d.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
