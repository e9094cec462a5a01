package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.TemporalPropertyContract;
import java.sql.SQLException;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class PostgresTemporalPropertyTest extends TemporalPropertyContract {
    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @BeforeContainer
    static void createDatabase() {
        DATABASE.create();
    }

    @AfterContainer
    static void dropDatabase() throws SQLException {
        DATABASE.drop();
    }

    @Override
    protected Storage openStorage() {
        return new PostgresStorage(DATABASE.url(), PostgresTestDatabase.USER, null);
    }
}
