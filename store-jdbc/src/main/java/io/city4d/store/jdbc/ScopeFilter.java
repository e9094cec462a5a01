package io.city4d.store.jdbc;

import io.city4d.core.model.Scopes;
import io.city4d.core.query.ScopeQuery;
import io.city4d.core.query.ScopeQuery.Pattern;
import java.util.List;

/**
 * A scopeQ as SQL over the scope rows of attr_index (attribute {@code scope}, one string row per path, see {@link
 * EncodedChange}): each pattern a key or a range of keys of the (tenant, attr, str_value) index. A path and everything
 * below it is the path itself and the range [path + "/", path + "0"), '0' following '/' in byte order; one level
 * below is that range without the rows that hold more slashes.
 */
final class ScopeFilter {
    private ScopeFilter() {}

    /** The condition on each entity row ({@code e}), and the lead that finds its entities through the index. */
    static void add(String tenant, ScopeQuery query, IndexReads reads, List<SqlFragment> conditions, List<Lead> leads) {
        SqlFragment condition = SqlFragment.any(query.anyOf().stream()
                .map(allOf -> SqlFragment.all(allOf.stream().map(p -> reads.exists("attr_index", "s", row(p))).toList())).toList());
        conditions.add(condition);
        // each conjunction's entities are among those of its first pattern
        SqlFragment keys = SqlFragment.unionAll(query.anyOf().stream().map(allOf -> row(allOf.get(0)).inside("SELECT s.entity_key AS key FROM "
                + reads.table("attr_index", "s", "attr_index_by_string") + " WHERE s.tenant = ? AND %s", tenant)).toList());
        boolean exact = query.anyOf().stream().allMatch(allOf -> allOf.size() == 1);
        leads.add(new Lead(keys, exact ? List.of(condition) : List.of(), true, null, false));
    }

    /** The condition on one scope row, alias {@code s}. */
    static SqlFragment row(Pattern pattern) {
        SqlFragment scope = SqlFragment.of("s.attr = ? AND s.str_value IS NOT NULL", Scopes.MEMBER);
        String path = pattern.path();
        return switch (pattern.reach()) {
            case EXACT -> scope.and(SqlFragment.of("s.str_value = ?", path));
            case SUBTREE -> path.isEmpty() ? scope
                    : scope.and(SqlFragment.of("(s.str_value = ? OR s.str_value >= ? AND s.str_value < ?)", path, path + "/", path + "0"));
            case CHILDREN -> scope.and(SqlFragment.of("s.str_value >= ? AND s.str_value < ? AND s.str_value NOT LIKE ?", path + "/", path + "0",
                    "%/".repeat((int) path.chars().filter(c -> c == '/').count() + 2) + "%"));
        };
    }
}
