package io.city4d.store.jdbc;

import java.sql.SQLException;

/** A caller's share of a group commit: the statements it runs in the group's transaction, and what it returns. */
@FunctionalInterface
interface WriteTask<T> {
    T apply(WriteTransaction transaction) throws SQLException;
}
