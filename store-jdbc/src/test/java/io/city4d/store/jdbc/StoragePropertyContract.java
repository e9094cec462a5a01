package io.city4d.store.jdbc;

import io.city4d.core.port.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A property suite over a storage that its adapter opens for each property and closes after it. The properties run on
 * QuickTheories: a failure prints its seed, and {@code -DQT_SEED=<seed>} runs the same examples again.
 */
public abstract class StoragePropertyContract {
    protected Storage storage;

    /** Opens the storage under test; every call opens the same database. */
    protected abstract Storage openStorage();

    @BeforeEach
    void open() {
        storage = openStorage();
    }

    @AfterEach
    void close() {
        storage.close();
    }
}
