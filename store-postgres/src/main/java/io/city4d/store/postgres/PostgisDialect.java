package io.city4d.store.postgres;

import io.city4d.store.jdbc.HistoryOrder;
import io.city4d.store.jdbc.SqlDialect;
import io.city4d.store.jdbc.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
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
    public String geometryWkb() {
        return "ST_AsBinary(g.geom)";
    }

    @Override
    public SqlFragment boxIntersects(Envelope box) {
        return SqlFragment.of("g.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
    }

    @Override
    public SqlFragment geoKeys(String tenant, String attribute, Envelope box) {
        return SqlFragment.of("SELECT s.entity_key AS key, ST_AsBinary(s.geom) AS wkb FROM geo_index s "
                + "WHERE s.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND s.tenant = ? AND s.attr = ?",
                box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), tenant, attribute);
    }

    /** PostgreSQL does not pull up a subquery with OFFSET, so it plans the lead before joining the entities to it. */
    @Override
    public String subqueryFence() {
        return " OFFSET 0";
    }

    /** PostgreSQL takes no hints; {@link #planAsWritten} makes it probe by index. */
    @Override
    public String indexHint(String index) {
        return "";
    }

    /**
     * Without these, PostgreSQL plans from its statistics, which may be stale or absent (autovacuum may be off or not yet
     * done after a bulk load): it then reads whole indexes into bitmaps or hash tables where a few index probes would
     * do. The planner switches only discourage, so a statement that needs a plan they discourage still runs.
     */
    private static final List<String> PLANNER_SWITCHES = List.of("enable_seqscan", "enable_bitmapscan", "enable_hashjoin", "enable_mergejoin");

    @Override
    public List<String> planAsWritten() {
        return planner("= off", "= 1");
    }

    @Override
    public List<String> planFreely() {
        return planner("TO DEFAULT", "TO DEFAULT");
    }

    private static List<String> planner(String switches, String joinCollapseLimit) {
        List<String> statements = new ArrayList<>();
        for (String name : PLANNER_SWITCHES) statements.add("SET LOCAL " + name + " " + switches);
        statements.add("SET LOCAL join_collapse_limit " + joinCollapseLimit);
        return statements;
    }

    /**
     * The tables that entity queries plan over. History is left to the database: its queries read one series through
     * the (series_key, at) index whatever the statistics, and sampling it would cost the most.
     */
    @Override
    public List<String> statisticsRefresh() {
        return List.of("ANALYZE entity, entity_type, attr_index, geo_index, summary_count, series");
    }

    @Override
    public boolean refreshesStatisticsInWriter() {
        return false;
    }

    /** Under READ COMMITTED, PostgreSQL's default, each statement would see the commits made before it began. */
    @Override
    public int snapshotIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }
}
