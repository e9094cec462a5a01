package io.city4d.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AttributeInstancesContract} on PostgreSQL with PostGIS at 127.0.0.1:5432, a fresh database per test. */
class PostgresAttributeInstancesTest extends AttributeInstancesContract {
    @RegisterExtension
    final PostgresTestServer postgres = new PostgresTestServer();

    @Override
    Api api() {
        return postgres.api();
    }
}
