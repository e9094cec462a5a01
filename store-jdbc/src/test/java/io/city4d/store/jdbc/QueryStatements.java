package io.city4d.store.jdbc;

import io.city4d.core.query.EntityQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Gives adapter tests the SQL a query runs, so that they can check its plan uses the indexes. */
public final class QueryStatements {
    private QueryStatements() {}

    /**
     * The statements the executor may run for the query, as it would choose them over the data the connection sees;
     * the first counts the leads. The connection then plans as the executor has it plan, for the rest of its
     * transaction.
     */
    public static List<SqlFragment> of(SqlDialect dialect, Connection connection, String tenant, EntityQuery query) {
        try {
            Jdbc.execute(connection, dialect.planAsWritten());
            return new EntityQueryExecutor(dialect).statements(connection, tenant, query);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
