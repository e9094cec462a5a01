package io.city4d.store.jdbc;

import io.city4d.core.port.UnstorableChangeException;
import io.city4d.store.jdbc.EncodedChange.AttributeRows;
import io.city4d.store.jdbc.EncodedChange.HistoryRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes encoded changes in a transaction: the entity row, its type and attribute index rows, its spatial rows, the
 * summary counts and the history. A create of an entity that exists, or an update or delete of one that does not,
 * fails the group.
 */
final class ChangeWriter {
    private static final String INSERT_ATTRIBUTE = "INSERT INTO attr_index (entity_key, tenant, attr, kind, num_value, str_value, time_value) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_ATTRIBUTE = "UPDATE attr_index SET kind = ?, num_value = ?, str_value = ?, time_value = ? "
            + "WHERE entity_key = ? AND attr = ?";
    private static final String UPDATE_NUMBER = "UPDATE attr_index SET num_value = ? WHERE entity_key = ? AND attr = ?";
    private static final String INSERT_TYPE = "INSERT INTO entity_type (entity_key, tenant, type) VALUES (?, ?, ?)";
    private static final String INSERT_HISTORY = "INSERT INTO history (series_key, at, num_value, str_value, body) VALUES (?, ?, ?, ?, ?)";

    private final SqlDialect dialect;
    private final SeriesKeys seriesKeys = new SeriesKeys();
    private final HistoryEdits historyEdits;

    ChangeWriter(SqlDialect dialect) {
        this.dialect = dialect;
        this.historyEdits = new HistoryEdits(dialect.historyOrder());
    }

    /** Drops the cached series keys; only once the writer's thread has stopped. */
    void forgetCaches() {
        seriesKeys.forget();
    }

    void write(WriteTransaction transaction, EncodedChange change) throws SQLException {
        String tenant = change.tenant();
        switch (change.kind()) {
            case CREATED -> {
                long key = transaction.returningLong("INSERT INTO entity (tenant, id, body) VALUES (?, ?, ?) RETURNING key",
                        tenant, change.entityId(), change.body());
                insertTypes(transaction, key, change);
                for (AttributeRows rows : change.attributes()) insertAttribute(transaction, key, tenant, rows);
            }
            case UPDATED -> {
                long key = existing(transaction.returningLong("UPDATE entity SET body = ? WHERE tenant = ? AND id = ? RETURNING key",
                        change.body(), tenant, change.entityId()), change);
                if (change.types() != null) {
                    transaction.update("DELETE FROM entity_type WHERE entity_key = ?", key);
                    insertTypes(transaction, key, change);
                }
                for (AttributeRows rows : change.attributes()) rewriteAttribute(transaction, key, tenant, rows);
            }
            case DELETED -> {
                long key = existing(transaction.returningLong("DELETE FROM entity WHERE tenant = ? AND id = ? RETURNING key",
                        tenant, change.entityId()), change);
                transaction.update("DELETE FROM entity_type WHERE entity_key = ?", key);
                transaction.update("DELETE FROM attr_index WHERE entity_key = ?", key);
                transaction.update("DELETE FROM geo_index WHERE entity_key = ?", key);
            }
        }
        SummaryCounts.add(transaction, change.counts());
        for (HistoryRow row : change.history()) {
            long series = seriesKeys.key(transaction, row.series());
            if (row.replacesSameInstant() && historyEdits.replaceAtInstant(transaction, series, row)) continue;
            transaction.batch(INSERT_HISTORY, series, row.at(), row.number(), row.text(), row.body());
        }
    }

    private static long existing(Long key, EncodedChange change) {
        if (key == null) throw new UnstorableChangeException("entity " + change.entityId() + " is not stored, so it cannot be " + change.kind().name().toLowerCase());
        return key;
    }

    private static void insertTypes(WriteTransaction transaction, long key, EncodedChange change) throws SQLException {
        for (String type : change.types()) transaction.batch(INSERT_TYPE, key, change.tenant(), type);
    }

    private void rewriteAttribute(WriteTransaction transaction, long key, String tenant, AttributeRows rows) throws SQLException {
        if (rows.updatesOneRow()) {
            IndexedValue value = rows.values().get(0);
            // setting only the number leaves the string and time indexes untouched
            if (value.kind() == IndexedValue.NUMBER && rows.previousValue().kind() == IndexedValue.NUMBER) {
                transaction.update(UPDATE_NUMBER, value.number(), key, rows.name());
            } else {
                transaction.update(UPDATE_ATTRIBUTE, value.kind(), value.number(), value.string(), value.time(), key, rows.name());
            }
            return;
        }
        switch (rows.previous()) {
            case NONE -> { }
            case ONE_VALUE, VALUES -> transaction.update("DELETE FROM attr_index WHERE entity_key = ? AND attr = ?", key, rows.name());
            case GEOMETRY -> {
                transaction.update("DELETE FROM attr_index WHERE entity_key = ? AND attr = ?", key, rows.name());
                transaction.update("DELETE FROM geo_index WHERE entity_key = ? AND attr = ?", key, rows.name());
            }
        }
        insertAttribute(transaction, key, tenant, rows);
    }

    private void insertAttribute(WriteTransaction transaction, long key, String tenant, AttributeRows rows) throws SQLException {
        for (IndexedValue value : rows.values()) {
            transaction.batch(INSERT_ATTRIBUTE, key, tenant, rows.name(), value.kind(), value.number(), value.string(), value.time());
        }
        List<byte[]> wkb = rows.geometries().isEmpty() ? List.of() : rows.wkb();
        for (int i = 0; i < wkb.size(); i++) {
            PreparedStatement insert = transaction.batchStatement(dialect.geometryInsertSql());
            dialect.bindGeometryInsert(insert, key, tenant, rows.name(), rows.geometries().get(i), wkb.get(i));
            insert.addBatch();
        }
    }
}
