package io.city4d.store.jdbc;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoJson;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QueryResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Answers entity queries. When SQL decides the whole query, the database orders, pages and counts: a first page
 * is looked for by walking a bounded window of entities in id order, else the database starts from the narrowest
 * index and sorts the keys it finds. Otherwise it
 * returns the candidates in id order (through the same indexes, joined with the spatial index for a geo-query),
 * Java keeps those that pass the remaining checks, and only the entities of the page are read in full.
 */
final class EntityQueryExecutor {
    /** Pages up to this far into the results may be found by walking entities in id order. */
    private static final int WALK_MAX_WANTED = 200;
    /** How many entities a walk looks at for each one the page needs. */
    private static final int WALK_WINDOW_PER_ROW = 20;

    private final SqlDialect dialect;

    EntityQueryExecutor(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The statement that selects the query's entities (the page, or the candidates to check), for plans and tests. */
    SqlFragment statement(String tenant, EntityQuery query) {
        EntityFilter filter = EntityFilter.of(tenant, query);
        return filter.exact() ? pageStatement(query, filter) : candidates(filter, filter.residualQ() != null);
    }

    QueryResult query(Connection connection, String tenant, EntityQuery query) throws SQLException {
        EntityFilter filter = EntityFilter.of(tenant, query);
        QueryResult result = filter.exact() ? exactQuery(connection, tenant, query, filter) : checkedQuery(connection, query, filter);
        return query.attrs() == null ? result : new QueryResult(project(result.entities(), query.attrs()), result.totalCount());
    }

    private static QueryResult exactQuery(Connection connection, String tenant, EntityQuery query, EntityFilter filter) throws SQLException {
        if (!query.count() && query.offset() + query.limit() <= WALK_MAX_WANTED) {
            List<Entity> walked = walk(connection, tenant, query);
            if (walked != null) return new QueryResult(walked, -1);
        }
        List<Match> keys = Jdbc.list(connection, pageStatement(query, filter), row -> new Match(row.getLong(1), null));
        List<Entity> page = entities(connection, keys);
        long total = query.count() ? Jdbc.count(connection, filter.where().inside("SELECT COUNT(*) FROM entity e WHERE %s")) : -1;
        return new QueryResult(page, total);
    }

    /**
     * The page found by walking the first entities in id order and checking each, which costs O(limit / selectivity)
     * and so wins when many entities match (where starting from an index would sort them all). Null when the walk
     * was too short to find the page; the caller then starts from the indexes.
     */
    private static List<Entity> walk(Connection connection, String tenant, EntityQuery query) throws SQLException {
        int wanted = query.offset() + query.limit();
        int window = WALK_WINDOW_PER_ROW * Math.max(1, wanted);
        SqlFragment statement = EntityFilter.probing(tenant, query).where()
                // CROSS JOIN makes SQLite walk the window first; PostgreSQL plans it as any join
                .inside("SELECT e.body FROM (SELECT w.key FROM entity w WHERE w.tenant = ? ORDER BY w.id LIMIT ?) k "
                        + "CROSS JOIN entity e WHERE e.key = k.key AND %s", tenant, window)
                .then(" ORDER BY e.id LIMIT ?", wanted);
        List<String> bodies = Jdbc.list(connection, statement, row -> row.getString(1));
        if (bodies.size() < wanted && Jdbc.count(connection,
                SqlFragment.of("SELECT COUNT(*) FROM (SELECT 1 FROM entity WHERE tenant = ? LIMIT ?) w", tenant, window + 1)) > window) {
            return null;
        }
        return bodies.subList(Math.min(query.offset(), bodies.size()), bodies.size()).stream().map(EntityCodec::read).toList();
    }

    private static SqlFragment pageStatement(EntityQuery query, EntityFilter filter) {
        // keys only: sorting many matches is cheaper without their bodies, read afterwards for the page alone
        return filter.where().inside("SELECT e.key FROM entity e WHERE %s").then(" ORDER BY e.id LIMIT ? OFFSET ?", query.limit(), query.offset());
    }

    /** A candidate that passed every check; its entity is read later unless the check already needed it. */
    private record Match(long key, Entity entity) {}

    private QueryResult checkedQuery(Connection connection, EntityQuery query, EntityFilter filter) throws SQLException {
        boolean needsEntity = filter.residualQ() != null;
        int wanted = query.offset() + query.limit();
        List<Match> matches = new ArrayList<>();
        WKBReader wkb = new WKBReader(GeoJson.FACTORY);
        SqlFragment candidates = candidates(filter, needsEntity);
        try (PreparedStatement statement = connection.prepareStatement(candidates.sql())) {
            Jdbc.bind(statement, candidates.params());
            try (ResultSet row = statement.executeQuery()) {
                while (row.next() && (query.count() || matches.size() < wanted)) {
                    if (filter.idPattern() != null && !filter.idPattern().matches(row.getString(2))) continue;
                    if (filter.geo() != null && !filter.geo().matches(geometry(wkb, row.getBytes(4)))) continue;
                    Entity entity = needsEntity ? EntityCodec.read(row.getString(3)) : null;
                    if (needsEntity && !filter.residualQ().test(entity)) continue;
                    boolean inPage = matches.size() >= query.offset() && matches.size() < wanted;
                    matches.add(new Match(row.getLong(1), inPage ? entity : null));
                }
            }
        }
        List<Match> page = matches.subList(Math.min(query.offset(), matches.size()), Math.min(wanted, matches.size()));
        return new QueryResult(entities(connection, page), query.count() ? matches.size() : -1);
    }

    private SqlFragment candidates(EntityFilter filter, boolean needsEntity) {
        String columns = "SELECT e.key, e.id, " + (needsEntity ? "e.body" : "NULL") + ", "
                + (filter.geo() != null ? dialect.geometryWkb() : "NULL") + " FROM entity e";
        if (filter.geo() == null) return filter.where().inside(columns + " WHERE %s ORDER BY e.id");
        GeoQuery geo = filter.geo();
        List<Envelope> boxes = SearchBoxes.of(geo);
        SqlFragment on = SqlFragment.of("g.entity_key = e.key AND g.tenant = e.tenant AND g.attr = ?", geo.geoProperty());
        if (boxes != null) on = on.and(SqlFragment.any(boxes.stream().map(dialect::boxIntersects).toList()));
        return on.inside(columns + " JOIN geo_index g ON %s WHERE ").then(filter.where()).then(" ORDER BY e.id");
    }

    private static Geometry geometry(WKBReader reader, byte[] wkb) throws SQLException {
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new SQLException("a stored geometry is not valid WKB", e);
        }
    }

    /** The entities of the matches, in order, reading those not read yet in one statement. */
    private static List<Entity> entities(Connection connection, List<Match> page) throws SQLException {
        List<Long> missing = page.stream().filter(m -> m.entity() == null).map(Match::key).toList();
        Map<Long, Entity> read = new HashMap<>();
        if (!missing.isEmpty()) {
            Jdbc.list(connection, SqlFragment.in("e.key", missing).inside("SELECT e.key, e.body FROM entity e WHERE %s"),
                    row -> read.put(row.getLong(1), EntityCodec.read(row.getString(2))));
        }
        return page.stream().map(m -> m.entity() != null ? m.entity() : read.get(m.key())).toList();
    }

    private static List<Entity> project(List<Entity> entities, Set<String> attrs) {
        return entities.stream().map(e -> {
            Map<String, Attribute> kept = new LinkedHashMap<>();
            e.attributes().forEach((name, attribute) -> {
                if (attrs.contains(name)) kept.put(name, attribute);
            });
            return e.withAttributes(kept, e.modifiedAt());
        }).toList();
    }
}
