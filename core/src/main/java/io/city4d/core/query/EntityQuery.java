package io.city4d.core.query;

import io.city4d.core.model.Entity;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What to select from the twin. Null members do not restrict. {@code attrs} limits the attributes returned and
 * (as NGSI-LD requires) selects only entities that have at least one of them.
 */
public record EntityQuery(Set<String> ids, String idPattern, Set<String> types, QExpr q, GeoQuery geo, ScopeQuery scopeQ,
                          Set<String> attrs, int limit, int offset, boolean count) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 20;

    public EntityQuery(Set<String> ids, String idPattern, Set<String> types, QExpr q, GeoQuery geo, Set<String> attrs, int limit, int offset, boolean count) {
        this(ids, idPattern, types, q, geo, null, attrs, limit, offset, count);
    }

    public EntityQuery {
        if (limit < 0) throw ProblemException.badData("limit must not be negative");
        if (limit > MAX_LIMIT) throw new ProblemException(ProblemType.TOO_MANY_RESULTS, "limit must be at most " + MAX_LIMIT + "; page with offset");
        if (offset < 0) throw ProblemException.badData("offset must not be negative");
        if (idPattern != null) BoundedRegex.compile(idPattern, "idPattern");
    }

    public static EntityQuery byIds(Set<String> ids) {
        return new EntityQuery(ids, null, null, null, null, null, MAX_LIMIT, 0, false);
    }

    public static EntityQuery byTypes(Set<String> types, int limit) {
        return new EntityQuery(null, null, types, null, null, null, limit, 0, false);
    }

    public EntityQuery page(int newLimit, int newOffset) {
        return new EntityQuery(ids, idPattern, types, q, geo, scopeQ, attrs, newLimit, newOffset, count);
    }

    /** True when the query names something to select by; NGSI-LD refuses an unrestricted query. */
    public boolean isRestricted() {
        return ids != null || idPattern != null || types != null || q != null || geo != null || scopeQ != null || attrs != null;
    }

    /** The whole query as one in-memory predicate, for checks on single entities (subscriptions, fallbacks). */
    public Predicate<Entity> matcher() {
        Predicate<Entity> p = e -> true;
        if (ids != null) p = p.and(e -> ids.contains(e.id()));
        if (idPattern != null) {
            BoundedRegex pattern = BoundedRegex.compile(idPattern, "idPattern");
            p = p.and(e -> pattern.matches(e.id()));
        }
        if (types != null) p = p.and(e -> e.types().stream().anyMatch(types::contains));
        if (attrs != null) p = p.and(e -> attrs.stream().anyMatch(e.attributes()::containsKey));
        if (q != null) p = p.and(QMatcher.compile(q));
        if (geo != null) p = p.and(geo.matcher());
        if (scopeQ != null) p = p.and(scopeQ.matcher());
        return p;
    }
}
