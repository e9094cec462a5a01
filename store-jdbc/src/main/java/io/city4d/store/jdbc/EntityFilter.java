package io.city4d.store.jdbc;

import io.city4d.core.model.Entity;
import io.city4d.core.query.BoundedRegex;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An entity query as a condition over entity rows (alias {@code e}) that indexes answer, and what Java still has to
 * check on each candidate: the id pattern, the parts of q that SQL cannot decide, and the exact geo relation.
 * Every member but {@code where} is null when there is nothing left to check.
 */
record EntityFilter(SqlFragment where, BoundedRegex idPattern, Predicate<Entity> residualQ, GeoQuery geo) {

    /** The filter whose conditions let the database start from the narrowest index. */
    static EntityFilter of(String tenant, EntityQuery query) {
        return of(tenant, query, false);
    }

    /** The filter whose conditions are checked entity by entity, for a walk through entities in id order. */
    static EntityFilter probing(String tenant, EntityQuery query) {
        return of(tenant, query, true);
    }

    private static EntityFilter of(String tenant, EntityQuery query, boolean probing) {
        List<SqlFragment> conditions = new ArrayList<>();
        conditions.add(SqlFragment.of("e.tenant = ?", tenant));
        if (query.ids() != null) conditions.add(SqlFragment.in("e.id", query.ids()));
        BoundedRegex idPattern = null;
        if (query.idPattern() != null) {
            idPattern = BoundedRegex.compile(query.idPattern(), "idPattern");
            conditions.add(IdPatternPrefix.condition(query.idPattern()));
        }
        QTranslator.Translation q = query.q() == null ? null : QTranslator.translate(tenant, query.q(), probing);
        if (query.types() != null) {
            // a type is rarely the narrowest condition: when another index can lead, types are only checked per entity
            boolean otherLeads = query.ids() != null || query.attrs() != null || query.geo() != null || (q != null && q.narrows());
            conditions.add(otherLeads || probing
                    ? SqlFragment.in("t.type", query.types()).inside("EXISTS (SELECT 1 FROM entity_type t WHERE t.entity_key = e.key AND %s)")
                    : SqlFragment.in("t.type", query.types()).inside("e.key IN (SELECT t.entity_key FROM entity_type t WHERE t.tenant = ? AND %s)", tenant));
        }
        if (query.attrs() != null) {
            conditions.add(probing
                    ? SqlFragment.in("a.attr", query.attrs()).inside("EXISTS (SELECT 1 FROM attr_index a WHERE a.entity_key = e.key AND %s)")
                    : SqlFragment.in("a.attr", query.attrs()).inside("e.key IN (SELECT a.entity_key FROM attr_index a WHERE a.tenant = ? AND %s)", tenant));
        }
        Predicate<Entity> residualQ = null;
        if (q != null) {
            conditions.add(q.condition());
            if (!q.exact()) residualQ = QMatcher.compile(query.q());
        }
        return new EntityFilter(SqlFragment.all(conditions), idPattern, residualQ, query.geo());
    }

    /** True when the SQL condition alone selects exactly the matching entities. */
    boolean exact() {
        return idPattern == null && residualQ == null && geo == null;
    }
}
