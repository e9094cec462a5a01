package io.city4d.store.jdbc;

import io.city4d.core.port.Storage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests of one {@link Storage}, opened once for the class. Each test works in a tenant of its own, so that the tests of
 * a class share one database without seeing each other's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StorageSuite {
    private static final AtomicInteger TENANTS = new AtomicInteger();

    protected Storage storage;
    protected String tenant;
    protected TestTwin twin;

    /** Opens the storage under test; every call opens the same database, so a reopened storage sees what was committed. */
    protected abstract Storage openStorage();

    @BeforeAll
    void open() {
        storage = openStorage();
    }

    @AfterAll
    void close() {
        storage.close();
    }

    @BeforeEach
    void newTenant() {
        tenant = "tenant-" + TENANTS.incrementAndGet() + "-" + System.nanoTime();
        twin = new TestTwin(storage.entities(), tenant);
    }
}
