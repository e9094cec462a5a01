package io.city4d.store.sqlite;

import io.city4d.store.jdbc.HistoryOrder;
import io.city4d.store.jdbc.SqlDialect;
import io.city4d.store.jdbc.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** SQLite's spatial index: an R*Tree of bounding boxes, filled by a trigger from the box columns of geo_index. */
final class SqliteDialect implements SqlDialect {
    @Override
    public String geometryInsertSql() {
        return "INSERT INTO geo_index (entity_key, tenant, attr, wkb, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public void bindGeometryInsert(PreparedStatement insert, long entityKey, String tenant, String attribute, Geometry geometry, byte[] wkb)
            throws SQLException {
        Envelope box = geometry.getEnvelopeInternal();
        insert.setLong(1, entityKey);
        insert.setString(2, tenant);
        insert.setString(3, attribute);
        insert.setBytes(4, wkb);
        insert.setDouble(5, box.getMinX());
        insert.setDouble(6, box.getMaxX());
        insert.setDouble(7, box.getMinY());
        insert.setDouble(8, box.getMaxY());
    }

    @Override
    public String geometryWkb() {
        return "g.wkb";
    }

    /**
     * History's rowid: one writer at a time holds the database's write lock until it commits, and each insert takes the
     * next rowid above all committed ones, so rowids grow in commit order.
     */
    private static final String NEXT_ROWID = "SELECT COALESCE(MAX(rowid), 0) + 1 FROM history";
    private static final HistoryOrder HISTORY_ORDER = new HistoryOrder("rowid", NEXT_ROWID, NEXT_ROWID, 50_000);

    @Override
    public HistoryOrder historyOrder() {
        return HISTORY_ORDER;
    }

    /** SQLite's transactions are serializable; a read transaction sees the snapshot of its first read. */
    @Override
    public int snapshotIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    /** Without statistics SQLite would walk all entities in id order rather than start from a selective index. */
    @Override
    public List<String> statisticsRefresh() {
        return List.of("PRAGMA analysis_limit = 1000", "PRAGMA optimize = 0x10002");
    }

    /** The R*Tree keeps boxes in 32-bit floats rounded outwards, so it may return a few more candidates, never fewer. */
    @Override
    public SqlFragment boxIntersects(Envelope box) {
        return SqlFragment.of("g.gkey IN (SELECT r.id FROM geo_rtree r WHERE r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?)",
                box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY());
    }
}
