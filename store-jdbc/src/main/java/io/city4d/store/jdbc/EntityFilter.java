package io.city4d.store.jdbc;

import io.city4d.core.model.Entity;
import io.city4d.core.query.BoundedRegex;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;

/**
 * An entity query as conditions checked on each entity row (alias {@code e}), the leads that find a superset of its entities through an index, and what Java still has
 * to check on each candidate: the id pattern, the parts of q and scopeQ that SQL cannot decide, and the exact geo relation. Those
 * three are null when there is nothing left to check.
 */
record EntityFilter(List<SqlFragment> conditions, List<Lead> leads, BoundedRegex idPattern, Predicate<Entity> residualQ, GeoQuery geo) {

    /**
     * The filter of a query, given what summary_count says of the attributes it compares (see {@link
     * SummaryCounts#facts}). An entity has at most one geo_index row per geo-property, so only several boxes find an
     * entity twice.
     */
    static EntityFilter of(String tenant, EntityQuery query, SummaryCounts.Facts facts, SqlDialect dialect) {
        IndexReads reads = new IndexReads(dialect);
        List<SqlFragment> conditions = new ArrayList<>();
        List<Lead> leads = new ArrayList<>();
        SqlFragment ofTenant = SqlFragment.of("e.tenant = ?", tenant);
        conditions.add(ofTenant);
        if (query.ids() != null) conditionAndLead(tenant, reads, SqlFragment.in("e.id", query.ids()), conditions, leads);
        BoundedRegex idPattern = null;
        if (query.idPattern() != null) {
            idPattern = BoundedRegex.compile(query.idPattern(), "idPattern");
            SqlFragment prefix = IdPatternPrefix.condition(query.idPattern());
            if (prefix != SqlFragment.TRUE) conditionAndLead(tenant, reads, prefix, conditions, leads);
        }
        SqlFragment typesCondition = null;
        if (query.types() != null) {
            SqlFragment types = SqlFragment.in("t.type", query.types());
            typesCondition = reads.exists("entity_type", "t", types);
            conditionAndLead(typesCondition, types.inside("SELECT t.entity_key AS key FROM " + reads.table("entity_type", "t", "entity_type_by_type")
                            + " WHERE t.tenant = ? AND %s", tenant),
                    query.types().size() > 1, null, conditions, leads);
        }
        if (query.attrs() != null) {
            SqlFragment attrs = SqlFragment.in("a.attr", query.attrs());
            conditionAndLead(reads.exists("attr_index", "a", attrs),
                    attrs.inside("SELECT a.entity_key AS key FROM " + reads.table("attr_index", "a", "attr_index_by_number") + " WHERE a.tenant = ? AND %s", tenant), true,
                    query.attrs().size() == 1 ? query.attrs().iterator().next() : null, conditions, leads);
        }
        if (query.scopeQ() != null) {
            SqlFragment scoped = ScopeFilter.condition(query.scopeQ(), reads);
            conditions.add(scoped);
            leads.add(new Lead(ScopeFilter.keys(tenant, query.scopeQ(), reads), ScopeFilter.exact(query.scopeQ()) ? List.of(scoped) : List.of(), true, null, false));
        }
        Predicate<Entity> residualQ = null;
        if (query.q() != null) {
            QTranslator.Translation q = QTranslator.translate(tenant, query.q(), facts.singleValued(), reads);
            conditions.addAll(q.conjuncts());
            leads.addAll(q.leads());
            if (!q.exact()) residualQ = QMatcher.compile(query.q());
        }
        if (query.scopeQ() != null && !ScopeFilter.decided(query.scopeQ())) {
            residualQ = residualQ == null ? query.scopeQ().matcher() : residualQ.and(query.scopeQ().matcher());
        }
        GeoQuery geo = query.geo();
        if (geo != null) {
            List<Envelope> boxes = SearchBoxes.of(geo);
            SqlFragment located = SqlFragment.of("g.attr = ?", geo.geoProperty());
            if (boxes != null) located = located.and(SqlFragment.any(boxes.stream().map(dialect::boxIntersects).toList()));
            SqlFragment condition = reads.exists("geo_index", "g", located);
            conditions.add(condition);
            if (boxes != null) {
                // the spatial index may find a few more than the boxes, which is fine: the geo relation is checked in Java
                leads.add(new Lead(SqlFragment.unionAll(boxes.stream().map(box -> dialect.geoKeys(tenant, geo.geoProperty(), box)).toList()),
                        List.of(condition), boxes.size() > 1, geo.geoProperty(), true));
            }
        }
        if (typesCondition != null) {
            // where only entities of the types carry an attribute, whatever is found through its rows is of those types
            SqlFragment ofTypes = typesCondition;
            leads.replaceAll(lead -> lead.attribute() != null && facts.onlyOnTypes().contains(lead.attribute()) ? lead.alsoSatisfying(ofTypes) : lead);
        }
        // every lead reads the tenant's rows alone
        leads.replaceAll(lead -> lead.alsoSatisfying(ofTenant));
        return new EntityFilter(conditions, leads, idPattern, residualQ, geo);
    }

    /** A condition on the entity row itself, and the lead that finds the rows meeting it through the (tenant, id) index. */
    private static void conditionAndLead(String tenant, IndexReads reads, SqlFragment condition, List<SqlFragment> conditions, List<Lead> leads) {
        conditionAndLead(condition, condition.inside("SELECT e.key AS key FROM " + reads.entities("e") + " WHERE e.tenant = ? AND %s", tenant),
                false, null, conditions, leads);
    }

    private static void conditionAndLead(SqlFragment condition, SqlFragment keys, boolean repeats, String attribute, List<SqlFragment> conditions,
                                         List<Lead> leads) {
        conditions.add(condition);
        leads.add(new Lead(keys, List.of(condition), repeats, attribute, false));
    }

    /** The attributes whose index rows the query's leads may read, whose counts {@link #of} takes. */
    static Set<String> indexedAttributes(EntityQuery query) {
        Set<String> attributes = new HashSet<>();
        if (query.q() != null) attributes.addAll(QTranslator.comparedByElement(query.q()));
        if (query.attrs() != null && query.attrs().size() == 1) attributes.addAll(query.attrs());
        if (query.geo() != null) attributes.add(query.geo().geoProperty());
        return attributes;
    }

    /** The condition on each entity found through the lead: all but those the lead satisfies. */
    SqlFragment where(Lead lead) {
        return SqlFragment.all(conditions.stream().filter(c -> !lead.satisfies(c)).toList());
    }

    /** True when the SQL condition alone selects exactly the matching entities. */
    boolean exact() {
        return idPattern == null && residualQ == null && geo == null;
    }
}
