package io.city4d.store.postgres;

import io.city4d.core.port.Storage;
import io.city4d.store.jdbc.CommitFoldingContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCommitFoldingTest extends CommitFoldingContract {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected Storage openStorage() {
        return DATABASE.open();
    }
}
