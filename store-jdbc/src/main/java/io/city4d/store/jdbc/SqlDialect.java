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

    /** A condition over one geo_index row (alias {@code g}), checked row by row: its geometry's box meets {@code box}. */
    SqlFragment boxIntersects(Envelope box);

    /** How history rows are ordered by commit, for folding them into rollups. */
    HistoryOrder historyOrder();

    /** The isolation level (a {@link java.sql.Connection} constant) at which the statements of one read transaction see one snapshot. */
    int snapshotIsolation();

    /**
     * A statement that selects, as columns {@code key} and {@code wkb}, the entity keys and 2D WKB geometries of the
     * tenant's geo_index rows of the attribute whose box meets {@code box}, starting from the spatial index.
     */
    SqlFragment geoKeys(String tenant, String attribute, Envelope box);

    /**
     * What ends a FROM subquery so that the database plans it on its own, rather than merging it into the statement
     * around it and choosing another join order.
     */
    String subqueryFence();

    /** The name {@link #indexHint} takes for the index of entity's UNIQUE (tenant, id). */
    String ENTITY_BY_TENANT_ID = "entity_by_tenant_id";

    /**
     * What follows a table in FROM to have it read through the index of that name in the schema, or through its
     * primary key when the name is null, whatever the statistics say; empty where the database takes no such hint.
     */
    String indexHint(String index);

    /**
     * Statements that make the planner run the statements of entity queries as they are written, for the rest of the
     * read transaction: joins in the order written, as nested loops through indexes, starting from the lead. Empty when
     * the database does so anyway.
     */
    List<String> planAsWritten();

    /** Statements that undo {@link #planAsWritten} for the rest of the read transaction. */
    List<String> planFreely();

    /**
     * True when the database refused a statement for the data it was given (a broken constraint, a value it cannot
     * hold), rather than for a failure of its own: then the change that sent the data is at fault, and no other.
     * The default reads the SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation).
     */
    default boolean refusesData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Statements that refresh the planner's statistics, run as the data grows (see {@link StatisticsRefresh}). */
    List<String> statisticsRefresh();

    /**
     * True when {@link #statisticsRefresh} writes where the writer writes and must run in its transactions (SQLite has
     * one writer at a time); else it runs on a read connection, in autocommit, while the writer goes on.
     */
    boolean refreshesStatisticsInWriter();
}
