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

    /** SQLite's primary result codes TOOBIG, CONSTRAINT, MISMATCH and RANGE, which the driver gives as the error code. */
    @Override
    public boolean refusesData(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 18 || primary == 19 || primary == 20 || primary == 25;
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

    /**
     * Statistics help SQLite with what the store does not plan itself. Those of a table or index that was empty when
     * analysed are removed: a read connection keeps the statistics it loaded, and ones that call a table empty have it
     * scanned rather than looked up in, long after it has filled (sqlite_stat1 exists from migration 3 on).
     */
    @Override
    public List<String> statisticsRefresh() {
        return List.of("PRAGMA analysis_limit = 1000", "PRAGMA optimize = 0x10002", "DELETE FROM sqlite_stat1 WHERE stat = '0' OR stat LIKE '0 %'");
    }

    @Override
    public boolean refreshesStatisticsInWriter() {
        return true;
    }

    @Override
    public SqlFragment boxIntersects(Envelope box) {
        return SqlFragment.of("g.max_x >= ? AND g.min_x <= ? AND g.max_y >= ? AND g.min_y <= ?", box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY());
    }

    /**
     * The R*Tree keeps boxes in 32-bit floats rounded outwards, so it may return a few more candidates, never fewer.
     * CROSS JOIN makes SQLite start from the R*Tree whatever its statistics say.
     */
    @Override
    public SqlFragment geoKeys(String tenant, String attribute, Envelope box) {
        return SqlFragment.of("SELECT s.entity_key AS key, s.wkb AS wkb FROM geo_rtree r CROSS JOIN geo_index s WHERE s.gkey = r.id "
                + "AND r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ? AND s.tenant = ? AND s.attr = ?",
                box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY(), tenant, attribute);
    }

    /** Nothing: SQLite may merge the subquery, but keeps the order of the tables that CROSS JOIN gives. */
    @Override
    public String subqueryFence() {
        return "";
    }

    /**
     * NOT INDEXED still searches a WITHOUT ROWID table by its primary key, but by no other index. SQLite names the index
     * of a table's first UNIQUE constraint sqlite_autoindex_TABLE_1.
     */
    @Override
    public String indexHint(String index) {
        if (index == null) return " NOT INDEXED";
        return " INDEXED BY " + (index.equals(ENTITY_BY_TENANT_ID) ? "sqlite_autoindex_entity_1" : index);
    }

    /** SQLite keeps the order of CROSS JOIN, and probes EXISTS subqueries entity by entity. */
    @Override
    public List<String> planAsWritten() {
        return List.of();
    }

    @Override
    public List<String> planFreely() {
        return List.of();
    }
}
