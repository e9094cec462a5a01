package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.LimitsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLimitsTest extends LimitsContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected Storage openStorage() {
        return DATABASE.open();
    }
}
