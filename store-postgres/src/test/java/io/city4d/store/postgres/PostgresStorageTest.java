package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.StorageContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStorageTest extends StorageContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected Storage openStorage() {
        return new PostgresStorage(DATABASE.url(), PostgresTestDatabase.USER, null);
    }
}
