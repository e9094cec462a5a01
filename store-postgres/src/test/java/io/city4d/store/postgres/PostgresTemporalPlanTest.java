package io.city4d.store.postgres;

import io.city4d.store.jdbc.TemporalStatements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTemporalPlanTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    /** Without statistics, as right after a bulk load: the unfolded tail must still be read by transaction id. */
    @Test
    void aggregationsReadRollupsAndHistoryThroughTheirKeys() throws SQLException {
        new PostgresStorage(DATABASE.url(), PostgresTestDatabase.USER, null).close();
        try (Connection connection = DriverManager.getConnection(DATABASE.url(), PostgresTestDatabase.USER, null)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO history (series_key, at, num_value, body) SELECT 1, " + TemporalStatements.ORIGIN
                        + " + i::bigint * 1000000, i % 10, '{}' FROM generate_series(0, 199999) i");
            }
            TemporalStatements.assertIndexed(new PostgisDialect(), connection, new TemporalStatements.PlanSteps("EXPLAIN", "QUERY PLAN",
                    "Seq Scan on history", "history_by_series", "history_rollup_pkey", "history_by_txid"));
        }
    }
}
