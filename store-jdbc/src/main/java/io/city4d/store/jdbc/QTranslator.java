package io.city4d.store.jdbc;

import io.city4d.core.query.QExpr;
import io.city4d.core.query.QExpr.AttrPath;
import io.city4d.core.query.QExpr.Op;
import io.city4d.core.query.QMatcher;
import io.city4d.core.query.QValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a q expression into a condition over one entity row (alias {@code e}), checked through attr_index, and
 * into leads that find the entities through attr_index's value indexes. Where SQL can decide exactly as
 * {@link QMatcher} does (plain paths compared with numbers, strings, booleans and times) the condition is exact.
 * Elsewhere (sub-attribute and compound-key paths, regular expressions, the rare literals whose SQL order differs)
 * it is a superset, mostly "the attribute is present", and the caller checks each candidate with QMatcher.
 *
 * <p>A term such as {@code a>=1} holds when some element of the attribute's value passes, so {@code a>=1;a<2} holds
 * for {@code [0, 5]}. Only when no entity of the tenant holds several elements in an attribute do the terms of one
 * conjunction on it become one condition on a single element, which one index range answers.
 */
final class QTranslator {
    /**
     * The condition, also as the conditions it is the conjunction of, whether it is exact, and the leads: each finds
     * a superset of the entities that match.
     */
    record Translation(SqlFragment condition, List<SqlFragment> conjuncts, boolean exact, List<Lead> leads) {
        Translation {
            conjuncts = List.copyOf(conjuncts);
            leads = List.copyOf(leads);
        }

        private Translation(SqlFragment condition, boolean exact, List<Lead> leads) {
            this(condition, List.of(condition), exact, leads);
        }

        private Translation(SqlFragment condition, boolean exact) {
            this(condition, exact, List.of());
        }
    }

    /**
     * A term that holds when one attr_index row (alias {@code a}) of a plain attribute meets a condition, and the
     * value index that finds such rows: one whose condition (for the partial ones) the row condition implies.
     */
    private record Element(String attribute, SqlFragment row, String index) {}

    /** The index over all of an attribute's rows, by (tenant, attr) first. */
    private static final String ALL_ROWS = "attr_index_by_number";

    private final String tenant;
    private final Set<String> singleValued;
    private final IndexReads reads;

    private QTranslator(String tenant, Set<String> singleValued, IndexReads reads) {
        this.tenant = tenant;
        this.singleValued = singleValued;
        this.reads = reads;
    }

    /**
     * The translation of the expression; the terms of a conjunction on one of the {@code singleValued} attributes (no
     * entity of the tenant holds more than one indexed element in them) are merged into one condition on an element.
     */
    static Translation translate(String tenant, QExpr expr, Set<String> singleValued, IndexReads reads) {
        return new QTranslator(tenant, singleValued, reads).expression(expr);
    }

    /**
     * The attributes that terms of the expression compare element by element: where they are single-valued, terms on
     * them merge, and their index rows find each entity once.
     */
    static Set<String> comparedByElement(QExpr expr) {
        Set<String> attributes = new HashSet<>();
        collectComparedByElement(expr, attributes);
        return attributes;
    }

    private static void collectComparedByElement(QExpr expr, Set<String> into) {
        switch (expr) {
            case QExpr.And and -> and.terms().forEach(term -> collectComparedByElement(term, into));
            case QExpr.Or or -> or.terms().forEach(term -> collectComparedByElement(term, into));
            default -> {
                Element element = element(expr);
                if (element != null) into.add(element.attribute);
            }
        }
    }

    /** The terms of a conjunction, with nested conjunctions flattened. */
    private static List<QExpr> conjuncts(QExpr.And and) {
        List<QExpr> terms = new ArrayList<>();
        for (QExpr term : and.terms()) {
            if (term instanceof QExpr.And nested) terms.addAll(conjuncts(nested));
            else terms.add(term);
        }
        return terms;
    }

    private Translation expression(QExpr expr) {
        if (expr instanceof QExpr.And and) return conjunction(conjuncts(and));
        if (expr instanceof QExpr.Or or) return disjunction(or.terms());
        Element element = element(expr);
        return element != null ? withElement(element.attribute, element.row, element.index) : inexactOrNegative(expr);
    }

    private Translation conjunction(List<QExpr> terms) {
        List<Translation> parts = new ArrayList<>();
        Map<String, List<Element>> merged = new LinkedHashMap<>();
        for (QExpr term : terms) {
            Element element = element(term);
            if (element != null && singleValued.contains(element.attribute)) merged.computeIfAbsent(element.attribute, a -> new ArrayList<>()).add(element);
            else parts.add(expression(term));
        }
        // any term's index answers the merged condition, which holds each term's condition
        merged.forEach((attribute, elements) -> parts.add(0, withElement(attribute, SqlFragment.all(elements.stream().map(Element::row).toList()),
                elements.get(0).index)));
        List<SqlFragment> conjuncts = new ArrayList<>();
        List<Lead> leads = new ArrayList<>();
        boolean exact = true;
        for (Translation part : parts) {
            conjuncts.addAll(part.conjuncts);
            leads.addAll(part.leads);
            exact &= part.exact;
        }
        return new Translation(SqlFragment.all(conjuncts), conjuncts, exact, leads);
    }

    /**
     * A disjunction is found through the union of one lead of each term, when every term has one; the union satisfies
     * the disjunction when each lead satisfies its term.
     */
    private Translation disjunction(List<QExpr> terms) {
        List<Translation> parts = terms.stream().map(this::expression).toList();
        boolean exact = parts.stream().allMatch(Translation::exact);
        SqlFragment condition = SqlFragment.any(parts.stream().map(Translation::condition).toList());
        if (parts.stream().anyMatch(part -> part.leads.isEmpty())) return new Translation(condition, exact);
        List<Lead> leads = parts.stream().map(part -> part.leads.get(0)).toList();
        boolean satisfies = parts.stream().allMatch(part -> part.leads.get(0).satisfies(part.condition));
        return new Translation(condition, exact, List.of(Lead.union(leads, satisfies ? List.of(condition) : List.of())));
    }

    /** The term as an exact condition on one element, or null when it is not one (negations, inexact comparisons). */
    private static Element element(QExpr expr) {
        return switch (expr) {
            case QExpr.Exists exists when exists.path().isPlain() && !exists.negated() -> new Element(exists.path().attribute(), SqlFragment.TRUE, ALL_ROWS);
            case QExpr.Compare compare when compare.path().isPlain() && isSetLike(compare.value()) && compare.op() == Op.EQ -> {
                Translation equal = equalsAny(compare.value());
                yield equal.exact ? new Element(compare.path().attribute(), equal.condition, index(compare.value())) : null;
            }
            case QExpr.Compare compare when compare.path().isPlain() && !isSetLike(compare.value()) && compare.op() != Op.NE -> {
                Translation element = element(compare.op(), compare.value());
                yield element.exact ? new Element(compare.path().attribute(), element.condition, index(compare.value())) : null;
            }
            default -> null;
        };
    }

    /**
     * The value index that finds the rows {@link #element} or {@link #equalsAny} compares with the value: one per kind
     * of literal, and the index over all rows for a list or range that mixes kinds.
     */
    private static String index(QValue value) {
        return switch (value) {
            case QValue.Num n -> ALL_ROWS;
            case QValue.Bool b -> ALL_ROWS;
            case QValue.Str s -> "attr_index_by_string";
            case QValue.Time t -> "attr_index_by_time";
            case QValue.ValueList list -> list.values().stream().map(QTranslator::index).distinct().count() == 1 ? index(list.values().get(0)) : ALL_ROWS;
            case QValue.Range range -> index(range.low()).equals(index(range.high())) ? index(range.low()) : ALL_ROWS;
        };
    }

    private static boolean isSetLike(QValue value) {
        return value instanceof QValue.ValueList || value instanceof QValue.Range;
    }

    /** The terms {@link #element} does not take: conditions that are inexact (a superset) or that no element must meet. */
    private Translation inexactOrNegative(QExpr expr) {
        return switch (expr) {
            case QExpr.Exists exists -> exists.path().isPlain() ? new Translation(withoutElement(exists.path().attribute(), SqlFragment.TRUE), true)
                    : exists.negated() ? new Translation(SqlFragment.TRUE, false) : inexact(present(exists.path().attribute()));
            case QExpr.Compare compare -> {
                String attribute = compare.path().attribute();
                Translation equal = equalsAny(compare.value());
                if (!compare.path().isPlain() || !equal.exact || compare.op() != Op.NE && !isSetLike(compare.value())) yield inexact(present(attribute));
                // QMatcher: a list or range with any operator but == means "present and no element inside", as != does.
                Translation present = present(attribute);
                SqlFragment noneInside = withoutElement(attribute, equal.condition);
                yield new Translation(present.condition.and(noneInside), List.of(present.condition, noneInside), true, present.leads);
            }
            case QExpr.Match match -> inexact(match.negated() || !match.path().isPlain()
                    ? present(match.path().attribute())
                    : withElement(match.path().attribute(), SqlFragment.of("a.str_value IS NOT NULL"), "attr_index_by_string"));
            case QExpr.And and -> conjunction(conjuncts(and));
            case QExpr.Or or -> disjunction(or.terms());
        };
    }

    private static Translation inexact(Translation superset) {
        return new Translation(superset.condition, superset.conjuncts, false, superset.leads);
    }

    /** A condition on one attr_index row (alias {@code a}) that holds when the element equals the value, one of the list, or lies in the range. */
    private static Translation equalsAny(QValue value) {
        return switch (value) {
            case QValue.ValueList list -> equalsOneOf(list.values());
            case QValue.Range range -> {
                Translation low = element(Op.GE, range.low());
                Translation high = element(Op.LE, range.high());
                yield new Translation(low.condition.and(high.condition), low.exact && high.exact);
            }
            default -> element(Op.EQ, value);
        };
    }

    /**
     * A condition on one attr_index row that holds when the element equals one of the values: an IN list per kind of
     * literal, which one index range per value answers, however long the list.
     */
    private static Translation equalsOneOf(List<QValue> values) {
        Map<InColumn, List<Object>> literals = new LinkedHashMap<>();
        List<SqlFragment> alternatives = new ArrayList<>();
        boolean exact = true;
        for (QValue value : values) {
            switch (value) {
                case QValue.Num n -> literals.computeIfAbsent(InColumn.NUMBERS, c -> new ArrayList<>()).add(IndexedValue.number(n.value()));
                case QValue.Bool b -> literals.computeIfAbsent(InColumn.BOOLEANS, c -> new ArrayList<>()).add(b.value() ? 1.0 : 0.0);
                case QValue.Str s when IndexedValue.indexedWhole(s.value()) ->
                        literals.computeIfAbsent(InColumn.STRINGS, c -> new ArrayList<>()).add(IndexedValue.string(s.value()));
                case QValue.Time t when IndexedValue.nanosExact(t.value()) ->
                        literals.computeIfAbsent(InColumn.TIMES, c -> new ArrayList<>()).add(IndexedValue.nanos(t.value()));
                default -> {
                    Translation t = element(Op.EQ, value);
                    alternatives.add(t.condition);
                    exact &= t.exact;
                }
            }
        }
        literals.forEach((column, list) -> {
            SqlFragment in = SqlFragment.in(column.name, new java.util.LinkedHashSet<>(list));
            alternatives.add(column.guard == null ? in : SqlFragment.of(column.guard).and(in));
        });
        return new Translation(SqlFragment.any(alternatives), exact);
    }

    /** An attr_index column that IN lists compare, with the condition on the row's kind that comes with it. */
    private record InColumn(String guard, String name) {
        static final InColumn NUMBERS = new InColumn("a.kind = " + IndexedValue.NUMBER, "a.num_value");
        static final InColumn BOOLEANS = new InColumn("a.kind = " + IndexedValue.BOOLEAN, "a.num_value");
        static final InColumn STRINGS = new InColumn(null, "a.str_value");
        static final InColumn TIMES = new InColumn(null, "a.time_value");
    }

    /** A condition on one attr_index row (alias {@code a}) that holds when the element compares with a single value as asked. */
    private static Translation element(Op op, QValue value) {
        String operator = op == Op.EQ ? "=" : op.symbol;
        return switch (value) {
            case QValue.Num n -> exact("a.kind = " + IndexedValue.NUMBER + " AND a.num_value " + operator + " ?", IndexedValue.number(n.value()));
            case QValue.Bool b -> exact("a.kind = " + IndexedValue.BOOLEAN + " AND a.num_value " + operator + " ?", b.value() ? 1.0 : 0.0);
            case QValue.Str s -> new Translation(SqlFragment.of("a.str_value " + operator + " ?", IndexedValue.string(s.value())),
                    IndexedValue.indexedWhole(s.value()) && (op == Op.EQ || IndexedValue.comparesLikeJava(s.value())));
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

    private Translation present(String attribute) {
        return withElement(attribute, SqlFragment.TRUE, ALL_ROWS);
    }

    /** Some element of the attribute meets the row condition: checked through the entity's rows, found through the value indexes. */
    private Translation withElement(String attribute, SqlFragment row, String index) {
        SqlFragment condition = reads.exists("attr_index", "a", row.inside("a.attr = ? AND (%s)", attribute));
        Lead lead = new Lead(row.inside("SELECT a.entity_key AS key FROM " + reads.table("attr_index", "a", index) + " WHERE a.tenant = ? AND a.attr = ? AND (%s)",
                tenant, attribute),
                List.of(condition), !singleValued.contains(attribute), attribute, false);
        return new Translation(condition, true, List.of(lead));
    }

    private SqlFragment withoutElement(String attribute, SqlFragment element) {
        return reads.none("attr_index", "a", element.inside("a.attr = ? AND (%s)", attribute));
    }
}
