package io.city4d.store.jdbc;

import io.city4d.core.query.QExpr;
import io.city4d.core.query.QExpr.AttrPath;
import io.city4d.core.query.QExpr.Op;
import io.city4d.core.query.QMatcher;
import io.city4d.core.query.QValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a q expression into a condition over entity rows (alias {@code e}) answered by attr_index. Where SQL
 * can decide exactly as {@link QMatcher} does (plain paths compared with numbers, strings, booleans and times) the
 * condition is exact. Elsewhere (sub-attribute and compound-key paths, regular expressions, the rare literals whose
 * SQL order differs) it is a superset, mostly "the attribute is present", and the caller checks each candidate
 * with QMatcher.
 */
final class QTranslator {
    /**
     * The condition, whether it is exact, and whether it narrows: holds only for entities found through an index
     * on attribute values, so that the database can start from there rather than from all entities.
     */
    record Translation(SqlFragment condition, boolean exact, boolean narrows) {
        Translation(SqlFragment condition, boolean exact) {
            this(condition, exact, true);
        }
    }

    private final String tenant;
    private final boolean probing;

    private QTranslator(String tenant, boolean probing) {
        this.tenant = tenant;
        this.probing = probing;
    }

    /**
     * The translation of the expression; {@code probing} asks for conditions checked entity by entity, for a walk
     * in id order, rather than sets of entities found through a value index.
     */
    static Translation translate(String tenant, QExpr expr, boolean probing) {
        return new QTranslator(tenant, probing).expression(expr);
    }

    private Translation expression(QExpr expr) {
        return switch (expr) {
            case QExpr.And and -> combine(and.terms(), true);
            case QExpr.Or or -> combine(or.terms(), false);
            case QExpr.Exists exists -> exists(exists);
            case QExpr.Compare compare -> compare(compare);
            case QExpr.Match match -> new Translation(match.negated() || !match.path().isPlain()
                    ? present(match.path().attribute())
                    : withElement(match.path().attribute(), SqlFragment.of("a.str_value IS NOT NULL")), false);
        };
    }

    private Translation combine(List<QExpr> terms, boolean conjunction) {
        List<SqlFragment> parts = new ArrayList<>();
        boolean exact = true;
        boolean anyNarrows = false;
        boolean allNarrow = true;
        for (QExpr term : terms) {
            Translation t = expression(term);
            parts.add(t.condition);
            exact &= t.exact;
            anyNarrows |= t.narrows;
            allNarrow &= t.narrows;
        }
        return conjunction ? new Translation(SqlFragment.all(parts), exact, anyNarrows) : new Translation(SqlFragment.any(parts), exact, allNarrow);
    }

    private Translation exists(QExpr.Exists exists) {
        String attribute = exists.path().attribute();
        if (exists.path().isPlain()) {
            return exists.negated() ? new Translation(withoutElement(attribute, SqlFragment.TRUE), true, false) : new Translation(present(attribute), true);
        }
        return exists.negated() ? new Translation(SqlFragment.TRUE, false, false) : new Translation(present(attribute), false);
    }

    private Translation compare(QExpr.Compare compare) {
        AttrPath path = compare.path();
        String attribute = path.attribute();
        if (!path.isPlain()) return new Translation(present(attribute), false);
        QValue value = compare.value();
        boolean setLike = value instanceof QValue.ValueList || value instanceof QValue.Range;
        if (!setLike && compare.op() != Op.NE) {
            Translation element = element(compare.op(), value);
            return element.exact ? new Translation(withElement(attribute, element.condition), true) : new Translation(present(attribute), false);
        }
        // QMatcher: a list or range with any operator but == means "present and no element inside", as != does.
        Translation equal = equalsAny(value);
        if (!equal.exact) return new Translation(present(attribute), false);
        SqlFragment condition = setLike && compare.op() == Op.EQ ? withElement(attribute, equal.condition)
                : present(attribute).and(withoutElement(attribute, equal.condition));
        return new Translation(condition, true);
    }

    /** A condition on one attr_index row (alias {@code a}) that holds when the element equals the value, one of the list, or lies in the range. */
    private static Translation equalsAny(QValue value) {
        return switch (value) {
            case QValue.ValueList list -> {
                List<SqlFragment> alternatives = new ArrayList<>();
                boolean allExact = true;
                for (QValue v : list.values()) {
                    Translation t = element(Op.EQ, v);
                    alternatives.add(t.condition);
                    allExact &= t.exact;
                }
                yield new Translation(SqlFragment.any(alternatives), allExact);
            }
            case QValue.Range range -> {
                Translation low = element(Op.GE, range.low());
                Translation high = element(Op.LE, range.high());
                yield new Translation(low.condition.and(high.condition), low.exact && high.exact);
            }
            default -> element(Op.EQ, value);
        };
    }

    /** A condition on one attr_index row (alias {@code a}) that holds when the element compares with a single value as asked. */
    private static Translation element(Op op, QValue value) {
        String operator = op == Op.EQ ? "=" : op.symbol;
        return switch (value) {
            case QValue.Num n -> exact("a.kind = " + IndexedValue.NUMBER + " AND a.num_value " + operator + " ?", IndexedValue.number(n.value()));
            case QValue.Bool b -> exact("a.kind = " + IndexedValue.BOOLEAN + " AND a.num_value " + operator + " ?", b.value() ? 1.0 : 0.0);
            case QValue.Str s -> new Translation(SqlFragment.of("a.str_value " + operator + " ?", IndexedValue.string(s.value())),
                    op == Op.EQ || IndexedValue.comparesLikeJava(s.value()));
            case QValue.Time t -> new Translation(SqlFragment.of("a.time_value " + operator + " ?", IndexedValue.nanos(t.value())),
                    IndexedValue.nanosExact(t.value()));
            // QMatcher never finds an element equal to, or ordered with, a nested list or range
            case QValue.ValueList list -> new Translation(SqlFragment.FALSE, true);
            case QValue.Range range -> new Translation(SqlFragment.FALSE, true);
        };
    }

    private static Translation exact(String sql, Object param) {
        return new Translation(SqlFragment.of(sql, param), true);
    }

    private SqlFragment present(String attribute) {
        return withElement(attribute, SqlFragment.TRUE);
    }

    private SqlFragment withElement(String attribute, SqlFragment element) {
        return probing ? element.inside("EXISTS (SELECT 1 FROM attr_index a WHERE a.entity_key = e.key AND a.attr = ? AND (%s))", attribute)
                : element.inside("e.key IN (SELECT a.entity_key FROM attr_index a WHERE a.tenant = ? AND a.attr = ? AND (%s))", tenant, attribute);
    }

    private static SqlFragment withoutElement(String attribute, SqlFragment element) {
        return element.inside("NOT EXISTS (SELECT 1 FROM attr_index a WHERE a.entity_key = e.key AND a.attr = ? AND (%s))", attribute);
    }
}
