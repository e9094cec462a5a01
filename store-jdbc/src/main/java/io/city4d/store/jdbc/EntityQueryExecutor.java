package io.city4d.store.jdbc;

import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoJson;
import io.city4d.core.query.EntityQuery;
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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Answers entity queries. Every statement starts from one lead (see {@link LeadChoice}), joins the entity rows it
 * finds in that order (CROSS JOIN, which SQLite does not reorder) and checks every other condition on each. When a
 * first page is wanted and no lead is small, the statement walks a bounded window of the first entities in id order
 * instead, which costs O(limit / selectivity) and so wins when many entities match; when the window holds too few
 * matches, the smallest lead is read after all.
 *
 * <p>When SQL decides the whole query, the database orders, pages and counts. Otherwise it returns the candidates in
 * id order, Java keeps those that pass the remaining checks, and only the entities of the page are read in full.
 */
final class EntityQueryExecutor {
    /** How many entities a walk looks at for each one the page needs. */
    private static final int WALK_WINDOW_PER_ROW = 20;

    private final SqlDialect dialect;
    private final IndexReads reads;

    EntityQueryExecutor(SqlDialect dialect) {
        this.dialect = dialect;
        this.reads = new IndexReads(dialect);
    }

    /**
     * The statements the query may run over the data the connection sees, whichever way it goes: the counts of its
     * leads, the page or candidates from the smallest lead and from a walk, the count, and the reading of bodies. For
     * plan tests.
     */
    List<SqlFragment> statements(Connection connection, String tenant, EntityQuery query) throws SQLException {
        EntityFilter filter = filter(connection, tenant, query);
        LeadChoice leads = leads(connection, tenant, filter);
        Lead smallest = leads.smallest();
        List<SqlFragment> statements = new ArrayList<>();
        statements.add(leads.countStatement(walkWindow(query) + 1));
        SqlFragment from = from(filter, leads, smallest);
        SqlFragment walk = firstInIdOrder(connection, tenant, filter, leads, walkWindow(query));
        if (filter.exact()) {
            statements.add(pageStatement(from, query));
            statements.add(pageStatement(walk, query));
            statements.add(countStatement(filter, leads, smallest));
        } else {
            statements.add(candidates(filter, smallest, from));
            statements.add(candidates(filter, leads.everything(), walk));
            statements.add(bodiesStatement(List.of(1L, 2L)));
        }
        return statements;
    }

    /** The query's answer; the connection is in a read transaction, whose snapshot all its statements see. */
    QueryResult query(Connection connection, String tenant, EntityQuery query) throws SQLException {
        if (query.limit() == 0 && !query.count()) return new QueryResult(List.of(), -1);
        Jdbc.execute(connection, dialect.planAsWritten());
        try {
            return answer(connection, tenant, query);
        } finally {
            Jdbc.execute(connection, dialect.planFreely());
        }
    }

    private QueryResult answer(Connection connection, String tenant, EntityQuery query) throws SQLException {
        EntityFilter filter = filter(connection, tenant, query);
        LeadChoice leads = leads(connection, tenant, filter);
        QueryResult result = filter.exact() ? exactQuery(connection, tenant, query, filter, leads) : checkedQuery(connection, tenant, query, filter, leads);
        return query.attrs() == null ? result : new QueryResult(project(result.entities(), query.attrs()), result.totalCount());
    }

    private EntityFilter filter(Connection connection, String tenant, EntityQuery query) throws SQLException {
        SummaryCounts.Facts facts = SummaryCounts.facts(connection, tenant, EntityFilter.indexedAttributes(query), query.types());
        return EntityFilter.of(tenant, query, facts, dialect);
    }

    private LeadChoice leads(Connection connection, String tenant, EntityFilter filter) {
        return new LeadChoice(connection, Lead.everything(tenant, reads), filter.leads());
    }

    /**
     * How many entities a walk for the query's page looks at. A walk is tried only when every lead finds more, so
     * that a walk which falls short costs less than reading the smallest lead does anyway.
     */
    private static int walkWindow(EntityQuery query) {
        long wanted = (long) query.offset() + query.limit();
        return (int) Math.min(Integer.MAX_VALUE - 1, WALK_WINDOW_PER_ROW * Math.max(1, wanted));
    }

    private QueryResult exactQuery(Connection connection, String tenant, EntityQuery query, EntityFilter filter, LeadChoice leads) throws SQLException {
        List<Entity> page = query.limit() == 0 ? List.of() : exactPage(connection, tenant, query, filter, leads);
        long total = -1;
        if (query.count()) {
            Long summarised = SummaryCounts.count(connection, tenant, query);
            total = summarised != null ? summarised : Jdbc.count(connection, countStatement(filter, leads, leads.smallest()));
        }
        return new QueryResult(page, total);
    }

    private List<Entity> exactPage(Connection connection, String tenant, EntityQuery query, EntityFilter filter, LeadChoice leads) throws SQLException {
        int window = walkWindow(query);
        Lead small = leads.smallestBelow(window + 1);
        if (small != null) return page(connection, query, from(filter, leads, small));
        // the tenant holds more than the window, so a short page from it proves nothing
        List<Entity> walked = page(connection, query, firstInIdOrder(connection, tenant, filter, leads, window));
        return walked.size() == query.limit() ? walked : page(connection, query, from(filter, leads, leads.smallest()));
    }

    /** The count of matches; the lead's own keys when it satisfies every condition, as an index alone then answers. */
    private SqlFragment countStatement(EntityFilter filter, LeadChoice leads, Lead lead) {
        if (lead != leads.everything() && filter.where(lead).equals(SqlFragment.TRUE)) {
            return lead.distinctKeys(dialect.subqueryFence()).inside("SELECT COUNT(*) FROM (%s) n");
        }
        return from(filter, leads, lead).inside("SELECT COUNT(*) %s");
    }

    private List<Entity> page(Connection connection, EntityQuery query, SqlFragment from) throws SQLException {
        return Jdbc.list(connection, pageStatement(from, query), row -> EntityCodec.read(row.getString(1)));
    }

    /** The bodies of the page; the keys are sorted and paged first, since sorting many matches is cheaper without their bodies. */
    private SqlFragment pageStatement(SqlFragment from, EntityQuery query) {
        return from.inside("SELECT e.key, e.id %s").then(" ORDER BY e.id LIMIT ? OFFSET ?", query.limit(), query.offset())
                .inside("SELECT b.body FROM (%s) p CROSS JOIN " + reads.entityByKey("b") + " WHERE b.key = p.key ORDER BY p.id");
    }

    /** FROM and WHERE over the entities the lead finds (alias {@code e}, and {@code k} for the lead) that meet the filter's conditions. */
    private SqlFragment from(EntityFilter filter, LeadChoice leads, Lead lead) {
        // parenthesised, so that a condition written with OR stays whole beside the AND that follows or precedes it
        SqlFragment where = filter.where(lead).inside("(%s)");
        if (lead == leads.everything()) return where.inside("FROM " + reads.entities("e") + " WHERE %s");
        return lead.distinctKeys(dialect.subqueryFence()).inside("FROM (%s) k CROSS JOIN " + reads.entityByKey("e") + " WHERE e.key = k.key AND ").then(where);
    }

    /**
     * FROM and WHERE over the tenant's first {@code window} entities in id order: an id range that the database reads
     * in order through the (tenant, id) index, and so stops reading once it holds the page.
     */
    private SqlFragment firstInIdOrder(Connection connection, String tenant, EntityFilter filter, LeadChoice leads, int window) throws SQLException {
        List<String> last = Jdbc.list(connection, SqlFragment.of("SELECT w.id FROM " + reads.entities("w")
                        + " WHERE w.tenant = ? ORDER BY w.id LIMIT 1 OFFSET ?", tenant, window - 1),
                row -> row.getString(1));
        SqlFragment all = from(filter, leads, leads.everything());
        return last.isEmpty() ? all : all.then(" AND e.id <= ?", last.get(0));
    }

    /** A candidate that passed every check; its entity is read later unless the check already needed it. */
    private record Match(long key, Entity entity) {}

    private QueryResult checkedQuery(Connection connection, String tenant, EntityQuery query, EntityFilter filter, LeadChoice leads) throws SQLException {
        if (!query.count()) {
            int window = walkWindow(query);
            Lead small = leads.smallestBelow(window + 1);
            if (small != null) return checked(connection, query, filter, small, from(filter, leads, small));
            QueryResult walked = checked(connection, query, filter, leads.everything(), firstInIdOrder(connection, tenant, filter, leads, window));
            if (walked.entities().size() == query.limit()) return walked;
        }
        Lead smallest = leads.smallest();
        return checked(connection, query, filter, smallest, from(filter, leads, smallest));
    }

    /** The matches among the candidates that FROM and WHERE select, {@code from} being the lead's. */
    private QueryResult checked(Connection connection, EntityQuery query, EntityFilter filter, Lead lead, SqlFragment from) throws SQLException {
        boolean needsEntity = filter.residualQ() != null;
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) query.offset() + query.limit());
        List<Match> matches = new ArrayList<>();
        WKBReader wkb = new WKBReader(GeoJson.FACTORY);
        SqlFragment candidates = candidates(filter, lead, from);
        try (PreparedStatement statement = connection.prepareStatement(candidates.sql())) {
            Jdbc.bind(statement, candidates.params());
            try (ResultSet row = statement.executeQuery()) {
                long lastKey = Long.MIN_VALUE;
                boolean lastMatched = false;
                while (row.next() && (query.count() || matches.size() < wanted)) {
                    // an entity whose geo-property has several instances comes in a row per instance, one after another
                    long key = row.getLong(1);
                    if (key == lastKey && lastMatched) continue;
                    lastKey = key;
                    lastMatched = false;
                    if (filter.idPattern() != null && !filter.idPattern().matches(row.getString(2))) continue;
                    if (filter.geo() != null && !filter.geo().matches(geometry(wkb, row.getBytes(4)))) continue;
                    Entity entity = needsEntity ? EntityCodec.read(row.getString(3)) : null;
                    if (needsEntity && !filter.residualQ().test(entity)) continue;
                    lastMatched = true;
                    boolean inPage = matches.size() >= query.offset() && matches.size() < wanted;
                    matches.add(new Match(row.getLong(1), inPage ? entity : null));
                }
            }
        }
        List<Match> page = matches.subList(Math.min(query.offset(), matches.size()), Math.min(wanted, matches.size()));
        return new QueryResult(entities(connection, page), query.count() ? matches.size() : -1);
    }

    /** The candidates in id order: key, id, body when q needs checking, and the geometry as WKB for a geo-query. */
    private SqlFragment candidates(EntityFilter filter, Lead lead, SqlFragment from) {
        String body = filter.residualQ() != null ? "e.body" : "NULL";
        if (filter.geo() == null || lead.withGeometry()) {
            return SqlFragment.of("SELECT e.key, e.id, " + body + ", " + (filter.geo() == null ? "NULL" : "k.wkb") + " ").then(from).then(" ORDER BY e.id");
        }
        // a row per geometry: a geo-property may have several instances
        return from.inside("SELECT c.key, c.id, c.body, " + dialect.geometryWkb() + " FROM (SELECT e.key, e.id, " + body + " AS body %s) c CROSS JOIN "
                + reads.byEntity("geo_index", "g") + " WHERE g.entity_key = c.key").then(" AND g.attr = ? ORDER BY c.id", filter.geo().geoProperty());
    }

    private static Geometry geometry(WKBReader reader, byte[] wkb) throws SQLException {
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new SQLException("a stored geometry is not valid WKB", e);
        }
    }

    /** The entities of the matches, in order, reading those not read yet in one statement. */
    private List<Entity> entities(Connection connection, List<Match> page) throws SQLException {
        List<Long> missing = page.stream().filter(m -> m.entity() == null).map(Match::key).toList();
        Map<Long, Entity> read = new HashMap<>();
        if (!missing.isEmpty()) {
            Jdbc.list(connection, bodiesStatement(missing), row -> read.put(row.getLong(1), EntityCodec.read(row.getString(2))));
        }
        return page.stream().map(m -> m.entity() != null ? m.entity() : read.get(m.key())).toList();
    }

    /** A join from the keys rather than key IN (...): statistics calling the table small make SQLite scan it for an IN list. */
    private SqlFragment bodiesStatement(List<Long> keys) {
        return SqlFragment.unionAll(keys.stream().map(key -> SqlFragment.of("SELECT ? AS key", key)).toList())
                .inside("SELECT e.key, e.body FROM (%s) k CROSS JOIN " + reads.entityByKey("e") + " WHERE e.key = k.key");
    }

    private static List<Entity> project(List<Entity> entities, Set<String> attrs) {
        return entities.stream().map(e -> {
            Map<String, List<Attribute>> kept = new LinkedHashMap<>();
            e.attributes().forEach((name, attribute) -> {
                if (attrs.contains(name)) kept.put(name, attribute);
            });
            return e.withAttributes(kept, e.modifiedAt());
        }).toList();
    }
}
