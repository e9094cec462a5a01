package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.TemporalPropertyContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTemporalPropertyTest extends TemporalPropertyContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected Storage openStorage() {
        return DATABASE.open();
    }
}
