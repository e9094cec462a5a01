package io.city4d.store.postgres;

import io.city4d.store.jdbc.HistoryOrder;
import io.city4d.store.jdbc.SqlDialect;
import io.city4d.store.jdbc.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * PostGIS's spatial index: a GiST index on a geometry column, asked with the bounding-box operator {@code &&}. The
 * exact relation is checked by the same JTS code as in the embedded store, so both answer alike to the metre.
 */
final class PostgisDialect implements SqlDialect {
    @Override
    public String geometryInsertSql() {
        return "INSERT INTO geo_index (entity_key, tenant, attr, geom) VALUES (?, ?, ?, ST_GeomFromWKB(?, 4326))";
    }

    @Override
    public void bindGeometryInsert(PreparedStatement insert, long entityKey, String tenant, String attribute, Geometry geometry, byte[] wkb)
            throws SQLException {
        insert.setLong(1, entityKey);
        insert.setString(2, tenant);
        insert.setString(3, attribute);
        insert.setBytes(4, wkb);
    }

    /**
     * History's txid column, the inserting transaction's 64-bit id. Ids are taken in start order, not commit order, so
     * only rows below the oldest transaction still running may be folded: all of those are committed or rolled back,
     * and every later row gets a larger id. Rows written before V2 have txid 0. Each fold takes all that is foldable.
     */
    private static final HistoryOrder HISTORY_ORDER = new HistoryOrder("txid",
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint", "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint",
            Long.MAX_VALUE);

    @Override
    public HistoryOrder historyOrder() {
        return HISTORY_ORDER;
    }

    @Override
    public int snapshotIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public String geometryWkb() {
        return "ST_AsBinary(g.geom)";
    }

    @Override
    public SqlFragment boxIntersects(Envelope box) {
        return SqlFragment.of("g.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
    }
}
