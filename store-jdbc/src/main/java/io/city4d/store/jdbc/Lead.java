package io.city4d.store.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * A way into a query's entities through one index: a statement that selects, as column {@code key}, the keys of a
 * superset of the matching entities, some more than once when {@code repeats}. A query starts from the smallest of its
 * leads and checks on each entity it finds every condition but those {@code satisfied}: the query's conditions that hold
 * for every entity the lead finds. {@code attribute} is the attribute whose index rows the lead reads, if any. A lead
 * through the spatial index also selects the geometry of the geo-query's property, as 2D WKB in column {@code wkb}.
 */
record Lead(SqlFragment keys, List<SqlFragment> satisfied, boolean repeats, String attribute, boolean withGeometry) {
    Lead {
        satisfied = List.copyOf(satisfied);
    }

    /** All the tenant's entities. */
    static Lead everything(String tenant, IndexReads reads) {
        return new Lead(SqlFragment.of("SELECT w.key AS key FROM " + reads.entities("w") + " WHERE w.tenant = ?", tenant), List.of(), false, null, false);
    }

    /** The entities that any of the leads finds, which all meet {@code satisfied}. */
    static Lead union(List<Lead> leads, List<SqlFragment> satisfied) {
        return new Lead(SqlFragment.unionAll(leads.stream().map(Lead::keys).toList()), satisfied, true, null, false);
    }

    boolean satisfies(SqlFragment condition) {
        return satisfied.contains(condition);
    }

    /** This lead, known to meet one more condition. */
    Lead alsoSatisfying(SqlFragment condition) {
        List<SqlFragment> more = new ArrayList<>(satisfied);
        more.add(condition);
        return new Lead(keys, more, repeats, attribute, withGeometry);
    }

    /**
     * The keys, each once, as a subquery that the database does not merge into the statement around it: SQLite then
     * keeps it as the outer loop of a CROSS JOIN, and PostgreSQL plans it on its own. DISTINCT keeps a subquery apart
     * in both; {@code fence} does so for one without it (see {@link SqlDialect#subqueryFence}).
     */
    SqlFragment distinctKeys(String fence) {
        return repeats ? keys.inside("SELECT DISTINCT d.key" + (withGeometry ? ", d.wkb" : "") + " FROM (%s) d") : keys.then(fence);
    }

    /** A statement counting the lead's keys, but no further than {@code cap}. */
    SqlFragment cappedCount(long cap) {
        return keys.inside("SELECT COUNT(*) FROM (%s").then(" LIMIT ?) c", cap);
    }
}
