package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.TemporalPropertyContract;

class PostgresTemporalPropertyTest extends TemporalPropertyContract {
    private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.forProperties();

    @Override
    protected Storage openStorage() {
        return DATABASE.open();
    }
}
