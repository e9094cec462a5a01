package io.city4d.store.jdbc;

import javax.sql.DataSource;

/**
 * The connections of a SQL store: a pool that queries, and the source of the single group-commit writer's
 * connections (autocommit off). {@code resources} is closed last, when the store closes.
 */
public record JdbcConnections(DataSource readers, DataSource writer, String description, AutoCloseable resources) {}
