package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.QueryPropertyContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresQueryPropertyTest extends QueryPropertyContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected Storage openStorage() {
        return DATABASE.open();
    }
}
