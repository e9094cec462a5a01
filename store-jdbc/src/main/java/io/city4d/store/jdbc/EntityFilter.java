package io.city4d.store.jdbc;

import io.city4d.core.model.Entity;
import io.city4d.core.query.EntityQuery;
import io.city4d.core.query.GeoQuery;
import io.city4d.core.query.QMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An entity query as a condition over entity rows (alias {@code e}) that indexes answer, and what Java still has to
 * check on each candidate: the id pattern, the parts of q that SQL cannot decide, and the exact geo relation.
 * Every member but {@code where} is null when there is nothing left to check.
 */
record EntityFilter(SqlFragment where, Pattern idPattern, Predicate<Entity> residualQ, GeoQuery geo) {

    static EntityFilter of(String tenant, EntityQuery query) {
        List<SqlFragment> conditions = new ArrayList<>();
        conditions.add(SqlFragment.of("e.tenant = ?", tenant));
        if (query.ids() != null) conditions.add(SqlFragment.in("e.id", query.ids()));
        Pattern idPattern = null;
        if (query.idPattern() != null) {
            idPattern = Pattern.compile(query.idPattern());
            conditions.add(IdPatternPrefix.condition(query.idPattern()));
        }
        if (query.types() != null) {
            conditions.add(SqlFragment.in("t.type", query.types())
                    .inside("e.key IN (SELECT t.entity_key FROM entity_type t WHERE t.tenant = ? AND %s)", tenant));
        }
        if (query.attrs() != null) {
            conditions.add(SqlFragment.in("a.attr", query.attrs())
                    .inside("e.key IN (SELECT a.entity_key FROM attr_index a WHERE a.tenant = ? AND %s)", tenant));
        }
        Predicate<Entity> residualQ = null;
        if (query.q() != null) {
            QTranslator.Translation q = QTranslator.translate(tenant, query.q());
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
