package io.city4d.store.jdbc;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.port.Change;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes changes in a transaction: the entity row, its type and attribute index rows, its spatial rows, the summary
 * counts and the history. An update rewrites the index rows of the attributes whose value changed only, trusting
 * {@link Change#before()} to be the stored state (the pipeline's single writer per entity guarantees it). A create
 * of an entity that exists, or an update or delete of one that does not, fails the group.
 */
final class ChangeWriter {
    private static final String INSERT_ATTRIBUTE = "INSERT INTO attr_index (entity_key, tenant, attr, kind, num_value, str_value, time_value) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TYPE = "INSERT INTO entity_type (entity_key, tenant, type) VALUES (?, ?, ?)";
    private static final String INSERT_HISTORY = "INSERT INTO history (series_key, at, num_value, str_value, body) VALUES (?, ?, ?, ?, ?)";

    private final SqlDialect dialect;
    private final SeriesKeys seriesKeys = new SeriesKeys();

    ChangeWriter(SqlDialect dialect) {
        this.dialect = dialect;
    }

    void write(WriteTransaction transaction, Change change) throws SQLException {
        String tenant = change.tenant();
        Entity before = change.before();
        Entity after = change.after();
        switch (change.kind()) {
            case CREATED -> {
                long key = transaction.returningLong("INSERT INTO entity (tenant, id, body) VALUES (?, ?, ?) RETURNING key",
                        tenant, after.id(), EntityCodec.write(after));
                insertTypes(transaction, key, tenant, after);
                for (String name : after.attributes().keySet()) insertAttribute(transaction, key, tenant, after, name);
            }
            case UPDATED -> {
                long key = existing(transaction.returningLong("UPDATE entity SET body = ? WHERE tenant = ? AND id = ? RETURNING key",
                        EntityCodec.write(after), tenant, after.id()), change);
                if (!before.types().equals(after.types())) {
                    transaction.update("DELETE FROM entity_type WHERE entity_key = ?", key);
                    insertTypes(transaction, key, tenant, after);
                }
                Set<String> names = new LinkedHashSet<>(before.attributes().keySet());
                names.addAll(after.attributes().keySet());
                for (String name : names) {
                    if (indexedAlike(before.attribute(name), after.attribute(name))) continue;
                    deleteAttribute(transaction, key, name, before.attribute(name));
                    if (after.attribute(name) != null) insertAttribute(transaction, key, tenant, after, name);
                }
            }
            case DELETED -> {
                long key = existing(transaction.returningLong("DELETE FROM entity WHERE tenant = ? AND id = ? RETURNING key",
                        tenant, before.id()), change);
                transaction.update("DELETE FROM entity_type WHERE entity_key = ?", key);
                transaction.update("DELETE FROM attr_index WHERE entity_key = ?", key);
                transaction.update("DELETE FROM geo_index WHERE entity_key = ?", key);
            }
        }
        SummaryCounts.record(transaction, tenant, before, after);
        for (Change.HistoryPoint point : change.history()) appendHistory(transaction, tenant, change.entityId(), point);
    }

    private static long existing(Long key, Change change) {
        if (key == null) throw new StoreException("entity " + change.entityId() + " is not stored, so it cannot be " + change.kind().name().toLowerCase());
        return key;
    }

    private static void insertTypes(WriteTransaction transaction, long key, String tenant, Entity entity) throws SQLException {
        for (String type : new LinkedHashSet<>(entity.types())) transaction.batch(INSERT_TYPE, key, tenant, type);
    }

    /** True when both attributes leave the same index rows: same kind and same value (timestamps do not matter). */
    private static boolean indexedAlike(Attribute before, Attribute after) {
        if (before == null || after == null) return before == after;
        return (before instanceof GeoProperty) == (after instanceof GeoProperty)
                && IndexedValue.indexedJson(before).equals(IndexedValue.indexedJson(after));
    }

    private void deleteAttribute(WriteTransaction transaction, long key, String name, Attribute old) throws SQLException {
        if (old == null) return;
        transaction.update("DELETE FROM attr_index WHERE entity_key = ? AND attr = ?", key, name);
        if (old instanceof GeoProperty) transaction.update("DELETE FROM geo_index WHERE entity_key = ? AND attr = ?", key, name);
    }

    private void insertAttribute(WriteTransaction transaction, long key, String tenant, Entity entity, String name) throws SQLException {
        for (IndexedValue value : IndexedValue.of(entity.attribute(name))) {
            transaction.batch(INSERT_ATTRIBUTE, key, tenant, name, value.kind(), value.number(), value.string(), value.time());
        }
        if (entity.attribute(name) instanceof GeoProperty geo) {
            Geometry geometry = geo.geometry();
            PreparedStatement insert = transaction.batchStatement(dialect.geometryInsertSql());
            dialect.bindGeometryInsert(insert, key, tenant, name, geometry, new WKBWriter(2).write(geometry));
            insert.addBatch();
        }
    }

    private void appendHistory(WriteTransaction transaction, String tenant, String entityId, Change.HistoryPoint point) throws SQLException {
        long series = seriesKeys.key(transaction, new SeriesKeys.Series(tenant, entityId, point.attribute()));
        Attribute value = point.value();
        Double number = value instanceof Property p ? p.numericValue() : null;
        String text = number != null ? null : switch (value) {
            case Property p -> p.value().isTextual() ? p.value().asText() : p.value().toString();
            case GeoProperty g -> g.geoJson().toString();
            case Relationship r -> r.object();
        };
        // the text only serves to count distinct values, so it may take the index's PostgreSQL-safe encoding
        transaction.batch(INSERT_HISTORY, series, Micros.of(point.at()), number, text == null ? null : IndexedValue.string(text),
                EntityCodec.writeAttribute(value));
    }
}
