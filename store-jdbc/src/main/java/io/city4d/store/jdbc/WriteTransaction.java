package io.city4d.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One group commit's transaction. Inserts are batched; any other statement first sends the pending batches, so
 * that statements take effect in the order they were issued. Statements are prepared once per transaction, since a
 * group runs the same few statements many times. Attachments hold state that the tasks of a group share
 * (such as summed counts); each gets {@link Attachment#beforeCommit} once, after every task of the group, and
 * {@link #afterCommit} actions run only when the commit succeeded, {@link #afterRollback} ones only when it did not.
 */
public final class WriteTransaction implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> batches = new LinkedHashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean batched;
    private final Map<Class<?>, Attachment> attachments = new LinkedHashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final Set<Runnable> afterRollback = new LinkedHashSet<>();

    interface Attachment {
        void beforeCommit(WriteTransaction transaction) throws SQLException;
    }

    WriteTransaction(Connection connection) {
        this.connection = connection;
    }

    /** Adds a row insert to a batch; rows of one statement are sent together. */
    void batch(String sql, Object... params) throws SQLException {
        PreparedStatement statement = batchStatement(sql);
        Jdbc.bind(statement, Arrays.asList(params));
        statement.addBatch();
    }

    /** The batched statement of this SQL, for callers that bind it themselves and then call addBatch. */
    PreparedStatement batchStatement(String sql) throws SQLException {
        batched = true; // the caller adds a row, which later statements must see
        PreparedStatement statement = batches.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            batches.put(sql, statement);
        }
        return statement;
    }

    /** Runs a statement that may see or change batched rows, and returns the count of rows it changed. */
    int update(String sql, Object... params) throws SQLException {
        flushBatches();
        PreparedStatement statement = prepared(sql);
        Jdbc.bind(statement, Arrays.asList(params));
        return statement.executeUpdate();
    }

    /** Runs a statement that changes no rows the tasks care about, such as a PRAGMA. */
    void execute(String sql) throws SQLException {
        flushBatches();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Runs a statement returning one long (e.g. INSERT ... RETURNING key); null when it returned no row. Pending
     * batches are not sent first: such statements must not touch the batched tables.
     */
    Long returningLong(String sql, Object... params) throws SQLException {
        PreparedStatement statement = prepared(sql);
        Jdbc.bind(statement, Arrays.asList(params));
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** The rows of a query that, like {@link #returningLong}, must not read batched tables; each row holds its first columns. */
    List<Object[]> rows(String sql, int columns, Object... params) throws SQLException {
        PreparedStatement statement = prepared(sql);
        Jdbc.bind(statement, Arrays.asList(params));
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) values[i] = row.getObject(i + 1);
                rows.add(values);
            }
        }
        return rows;
    }

    /** The group's attachment of this type, created on first use. */
    <T extends Attachment> T attachment(Class<T> type, Supplier<T> create) {
        return type.cast(attachments.computeIfAbsent(type, t -> create.get()));
    }

    void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Runs the action once if the transaction rolls back, however often it was asked. */
    void afterRollback(Runnable action) {
        afterRollback.add(action);
    }

    void commit() throws SQLException {
        for (Attachment attachment : attachments.values()) attachment.beforeCommit(this);
        flushBatches();
        connection.commit();
        afterCommit.forEach(Runnable::run);
    }

    void rollback() throws SQLException {
        try {
            connection.rollback();
        } finally {
            afterRollback.forEach(Runnable::run);
        }
    }

    private void flushBatches() throws SQLException {
        if (!batched) return;
        for (PreparedStatement statement : batches.values()) statement.executeBatch();
        batched = false;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : batches.values()) statement.close();
        for (PreparedStatement statement : statements.values()) statement.close();
    }
}
