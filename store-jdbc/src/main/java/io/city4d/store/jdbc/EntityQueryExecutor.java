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
 * Answers entity queries. When SQL decides the whole query, the database orders, pages and counts. Otherwise it
 * returns the candidates in id order (through the same indexes, joined with the spatial index for a geo-query),
 * Java keeps those that pass the remaining checks, and only the entities of the page are read in full.
 */
final class EntityQueryExecutor {
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
        QueryResult result = filter.exact() ? exactQuery(connection, query, filter) : checkedQuery(connection, query, filter);
        return query.attrs() == null ? result : new QueryResult(project(result.entities(), query.attrs()), result.totalCount());
    }

    private static QueryResult exactQuery(Connection connection, EntityQuery query, EntityFilter filter) throws SQLException {
        List<Entity> page = Jdbc.list(connection, pageStatement(query, filter), row -> EntityCodec.read(row.getString(1)));
        long total = query.count() ? Jdbc.count(connection, filter.where().inside("SELECT COUNT(*) FROM entity e WHERE %s")) : -1;
        return new QueryResult(page, total);
    }

    private static SqlFragment pageStatement(EntityQuery query, EntityFilter filter) {
        return filter.where().inside("SELECT e.body FROM entity e WHERE %s").then(" ORDER BY e.id LIMIT ? OFFSET ?", query.limit(), query.offset());
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
                    if (filter.idPattern() != null && !filter.idPattern().matcher(row.getString(2)).matches()) continue;
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
