package io.city4d.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.store.jdbc.HistoryUpgrade;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresUpgradeTest {
    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Test
    void aDatabaseWithHistoryFromBeforeRollupsIsUpgradedAndFolded() throws SQLException {
        PGSimpleDataSource version1 = new PGSimpleDataSource();
        version1.setUrl(DATABASE.url());
        version1.setUser(PostgresTestDatabase.USER);
        HistoryUpgrade.writeVersion1(version1, "classpath:db/migration/postgres");
        try (PostgresStorage storage = new PostgresStorage(DATABASE.url(), PostgresTestDatabase.USER, null)) {
            HistoryUpgrade.assertUpgraded(storage);
        }
        try (Connection connection = version1.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MIN(txid), MAX(txid) FROM history")) {
            row.next();
            assertThat(row.getLong(1)).as("rows from before the upgrade").isZero();
            assertThat(row.getLong(2)).isZero();
        }
    }
}
