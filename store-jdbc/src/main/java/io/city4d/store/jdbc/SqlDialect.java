package io.city4d.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * What differs between the SQL databases behind the stores. Everything else (tables, upserts with RETURNING, LIMIT and
 * OFFSET, integer division) is written once in portable SQL. The spatial index differs, and so do the order of history
 * rows by commit and the isolation of a consistent read.
 *
 * <p>Both databases hold the table {@code geo_index(entity_key, tenant, attr, ...)}, one row per geo-property of an
 * entity, whose spatial column is indexed; the exact relation is then checked in Java with the geometry it returns.
 */
public interface SqlDialect {

    /** The INSERT statement of one geo_index row. */
    String geometryInsertSql();

    /** Binds {@link #geometryInsertSql()} for one geo-property; {@code wkb} is the 2D WKB of {@code geometry}. */
    void bindGeometryInsert(PreparedStatement insert, long entityKey, String tenant, String attribute, Geometry geometry, byte[] wkb)
            throws SQLException;

    /** An expression over geo_index (alias {@code g}) that yields the geometry as 2D WKB. */
    String geometryWkb();

    /** A condition over geo_index (alias {@code g}), answered by the spatial index: its geometry's box meets {@code box}. */
    SqlFragment boxIntersects(Envelope box);

    /** How history rows are ordered by commit, for folding them into rollups. */
    HistoryOrder historyOrder();

    /** The isolation level (a {@link java.sql.Connection} constant) at which the statements of one read transaction see one snapshot. */
    int snapshotIsolation();

    /**
     * Statements that refresh the planner's statistics, run by the writer as the data grows; none when the database
     * keeps them itself.
     */
    default List<String> statisticsRefresh() {
        return List.of();
    }
}
