package io.city4d.store.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** A piece of SQL with the values of its placeholders, in order. Parameters may be null. */
public record SqlFragment(String sql, List<Object> params) {
    public static final SqlFragment TRUE = new SqlFragment("1 = 1", List.of());
    public static final SqlFragment FALSE = new SqlFragment("1 = 0", List.of());

    public SqlFragment {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static SqlFragment of(String sql, Object... params) {
        return new SqlFragment(sql, java.util.Arrays.asList(params));
    }

    /** {@code column IN (?, ?, ...)}, or FALSE for no values. */
    public static SqlFragment in(String column, Collection<?> values) {
        if (values.isEmpty()) return FALSE;
        return new SqlFragment(column + " IN (" + placeholders(values.size()) + ")", new ArrayList<>(values));
    }

    public static SqlFragment all(List<SqlFragment> parts) {
        return join(" AND ", parts, TRUE);
    }

    public static SqlFragment any(List<SqlFragment> parts) {
        return join(" OR ", parts, FALSE);
    }

    /**
     * The parts joined by the operator. Many parts are joined as a balanced tree of parenthesised halves: a database
     * parses a flat chain as a tree as deep as the chain is long, and refuses trees deeper than its limit (SQLite: 1,000).
     */
    private static SqlFragment join(String operator, List<SqlFragment> parts, SqlFragment empty) {
        if (parts.isEmpty()) return empty;
        if (parts.size() == 1) return parts.get(0);
        if (parts.size() > FLAT_PARTS) {
            int half = parts.size() / 2;
            return flat(operator, List.of(join(operator, parts.subList(0, half), empty), join(operator, parts.subList(half, parts.size()), empty)));
        }
        return flat(operator, parts);
    }

    private static final int FLAT_PARTS = 16;
    private static final int COMPOUND_SELECTS = 64;

    /**
     * The SELECT statements, each selecting column {@code key}, as one statement selecting all their rows. Many are
     * nested in groups, since a database bounds the terms of one compound SELECT (SQLite: 500).
     */
    public static SqlFragment unionAll(List<SqlFragment> selects) {
        if (selects.size() <= COMPOUND_SELECTS) return joined(" UNION ALL ", selects);
        List<SqlFragment> groups = new ArrayList<>();
        for (int i = 0; i < selects.size(); i += COMPOUND_SELECTS) {
            groups.add(joined(" UNION ALL ", selects.subList(i, Math.min(selects.size(), i + COMPOUND_SELECTS))).inside("SELECT u.* FROM (%s) u"));
        }
        return unionAll(groups);
    }

    private static SqlFragment flat(String operator, List<SqlFragment> parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (SqlFragment part : parts) {
            if (!sql.isEmpty()) sql.append(operator);
            sql.append('(').append(part.sql).append(')');
            params.addAll(part.params);
        }
        return new SqlFragment(sql.toString(), params);
    }

    /** The parts one after the other, with the separator between them. */
    public static SqlFragment joined(String separator, List<SqlFragment> parts) {
        List<Object> params = new ArrayList<>();
        for (SqlFragment part : parts) params.addAll(part.params);
        return new SqlFragment(String.join(separator, parts.stream().map(SqlFragment::sql).toList()), params);
    }

    public SqlFragment and(SqlFragment other) {
        return all(List.of(this, other));
    }

    /** This fragment placed inside a template, where {@code %s} stands for it; extra parameters come before its own. */
    public SqlFragment inside(String template, Object... leadingParams) {
        List<Object> all = new ArrayList<>(java.util.Arrays.asList(leadingParams));
        all.addAll(params);
        return new SqlFragment(template.formatted(sql), all);
    }

    /** This fragment followed by more SQL and its parameters. */
    public SqlFragment then(String more, Object... moreParams) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(java.util.Arrays.asList(moreParams));
        return new SqlFragment(sql + more, all);
    }

    /** This fragment followed by another. */
    public SqlFragment then(SqlFragment more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(more.params);
        return new SqlFragment(sql + more.sql, all);
    }

    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
