package io.city4d.store.jdbc;

import io.city4d.core.port.Storage;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** A jqwik property suite over a storage that its adapter opens for each property and closes after it. */
public abstract class StoragePropertyContract {
    protected Storage storage;

    /** Opens the storage under test; every call opens the same database. */
    protected abstract Storage openStorage();

    @BeforeProperty
    void open() {
        storage = openStorage();
    }

    @AfterProperty
    void close() {
        storage.close();
    }
}
