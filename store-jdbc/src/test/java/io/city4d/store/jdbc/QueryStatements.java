package io.city4d.store.jdbc;

import io.city4d.core.query.EntityQuery;

/** Gives adapter tests the SQL a query runs, so that they can check its plan uses the indexes. */
public final class QueryStatements {
    private QueryStatements() {}

    public static SqlFragment of(SqlDialect dialect, String tenant, EntityQuery query) {
        return new EntityQueryExecutor(dialect).statement(tenant, query);
    }
}
