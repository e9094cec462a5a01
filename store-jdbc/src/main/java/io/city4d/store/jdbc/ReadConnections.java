package io.city4d.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs read-only work on a pooled connection and turns SQL failures into {@link StoreException}. */
final class ReadConnections {
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource pool;

    ReadConnections(DataSource pool) {
        this.pool = pool;
    }

    <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("reading from the store failed: " + e.getMessage(), e);
        }
    }

    /** Runs the work in one read-only transaction at the given isolation, so that all its statements see one snapshot. */
    <T> T readSnapshot(int isolation, Work<T> work) {
        return read(connection -> {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(false);
            try {
                return work.apply(connection);
            } finally {
                connection.rollback();
            }
        });
    }
}
