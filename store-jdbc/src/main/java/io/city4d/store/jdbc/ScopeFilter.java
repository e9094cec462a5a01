package io.city4d.store.jdbc;

import io.city4d.core.model.Scopes;
import io.city4d.core.query.ScopeQuery;
import io.city4d.core.query.ScopeQuery.Pattern;

/**
 * A scopeQ as SQL over the scope rows of attr_index (attribute {@code scope}, one string row per path, see {@link
 * EncodedChange}): each pattern a key or a range of keys of the (tenant, attr, str_value) index. A path and everything
 * below it is the path itself and the range [path + "/", path + "0"), '0' following '/' in byte order. A pattern with a
 * {@code +} level reads the range of the levels before it, a superset that Java narrows.
 */
final class ScopeFilter {
    private ScopeFilter() {}

    /** The condition on each entity row ({@code e}). */
    static SqlFragment condition(ScopeQuery query, IndexReads reads) {
        return switch (query) {
            case ScopeQuery.AnyOf any -> SqlFragment.any(any.parts().stream().map(p -> condition(p, reads)).toList());
            case ScopeQuery.AllOf all -> SqlFragment.all(all.parts().stream().map(p -> condition(p, reads)).toList());
            case Pattern p -> reads.exists("attr_index", "s", row(p));
        };
    }

    /** The keys of a superset of the matching entities, through the index: those of a conjunction's first part. */
    static SqlFragment keys(String tenant, ScopeQuery query, IndexReads reads) {
        return switch (query) {
            case ScopeQuery.AnyOf any -> SqlFragment.unionAll(any.parts().stream().map(p -> keys(tenant, p, reads)).toList());
            case ScopeQuery.AllOf all -> keys(tenant, all.parts().get(0), reads);
            case Pattern p -> row(p).inside("SELECT s.entity_key AS key FROM " + reads.table("attr_index", "s", "attr_index_by_string")
                    + " WHERE s.tenant = ? AND %s", tenant);
        };
    }

    /** True when the keys are exactly the matching entities, and the condition decides the whole query. */
    static boolean exact(ScopeQuery query) {
        return switch (query) {
            case ScopeQuery.AnyOf any -> any.parts().stream().allMatch(ScopeFilter::exact);
            case ScopeQuery.AllOf all -> false;
            case Pattern p -> !p.hasWildcardLevel();
        };
    }

    /** True when SQL decides every pattern (no {@code +} level), so that Java need not check the scopes again. */
    static boolean decided(ScopeQuery query) {
        return switch (query) {
            case ScopeQuery.AnyOf any -> any.parts().stream().allMatch(ScopeFilter::decided);
            case ScopeQuery.AllOf all -> all.parts().stream().allMatch(ScopeFilter::decided);
            case Pattern p -> !p.hasWildcardLevel();
        };
    }

    /** The condition on one scope row, alias {@code s}. */
    private static SqlFragment row(Pattern pattern) {
        SqlFragment scope = SqlFragment.of("s.attr = ? AND s.str_value IS NOT NULL", Scopes.MEMBER);
        String path = pattern.literalPrefix();
        if (path.isEmpty()) return scope;
        SqlFragment below = SqlFragment.of("s.str_value >= ? AND s.str_value < ?", path + "/", path + "0");
        if (pattern.hasWildcardLevel()) return scope.and(below);
        SqlFragment itself = SqlFragment.of("s.str_value = ?", path);
        return scope.and(pattern.subtree() ? SqlFragment.any(java.util.List.of(itself, below)) : itself);
    }
}
