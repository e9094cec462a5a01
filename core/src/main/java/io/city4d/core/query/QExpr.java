package io.city4d.core.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The abstract syntax of an NGSI-LD query ({@code q}, clause 4.9). */
public sealed interface QExpr {

    /** The same expression with every attribute name passed through {@code rename} (used for JSON-LD expansion). */
    QExpr renameAttributes(UnaryOperator<String> rename);

    /** The attributes the expression reads (the first name of each path), in the order they appear. */
    default Set<String> attributes() {
        Set<String> out = new LinkedHashSet<>();
        switch (this) {
            case And a -> a.terms().forEach(t -> out.addAll(t.attributes()));
            case Or o -> o.terms().forEach(t -> out.addAll(t.attributes()));
            case Exists e -> out.add(e.path().attribute());
            case Compare c -> out.add(c.path().attribute());
            case Match m -> out.add(m.path().attribute());
        }
        return out;
    }

    record And(List<QExpr> terms) implements QExpr {
        public QExpr renameAttributes(UnaryOperator<String> rename) {
            return new And(terms.stream().map(t -> t.renameAttributes(rename)).toList());
        }
    }

    record Or(List<QExpr> terms) implements QExpr {
        public QExpr renameAttributes(UnaryOperator<String> rename) {
            return new Or(terms.stream().map(t -> t.renameAttributes(rename)).toList());
        }
    }

    /** {@code attr} (present) or {@code !attr} (absent). */
    record Exists(AttrPath path, boolean negated) implements QExpr {
        public QExpr renameAttributes(UnaryOperator<String> rename) {
            return new Exists(path.rename(rename), negated);
        }
    }

    /** {@code attr op value}; for == and != the value may be a list ({@code a,b}) or a range ({@code a..b}). */
    record Compare(AttrPath path, Op op, QValue value) implements QExpr {
        public QExpr renameAttributes(UnaryOperator<String> rename) {
            return new Compare(path.rename(rename), op, value);
        }
    }

    /** {@code attr~=regex} or {@code attr!~=regex}. */
    record Match(AttrPath path, String regex, boolean negated) implements QExpr {
        public QExpr renameAttributes(UnaryOperator<String> rename) {
            return new Match(path.rename(rename), regex, negated);
        }
    }

    enum Op {
        EQ("=="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<=");

        public final String symbol;

        Op(String symbol) { this.symbol = symbol; }
    }

    /**
     * A path into an entity: the attribute, then optional sub-attribute names ({@code attr.sub}), then optional
     * keys inside a compound JSON value ({@code attr[key.key]}).
     */
    record AttrPath(String attribute, List<String> subAttributes, List<String> valueKeys) {
        public AttrPath {
            subAttributes = List.copyOf(subAttributes);
            valueKeys = List.copyOf(valueKeys);
        }

        public static AttrPath of(String attribute) { return new AttrPath(attribute, List.of(), List.of()); }

        public boolean isPlain() { return subAttributes.isEmpty() && valueKeys.isEmpty(); }

        AttrPath rename(UnaryOperator<String> rename) {
            return new AttrPath(rename.apply(attribute), subAttributes.stream().map(rename).toList(), valueKeys);
        }
    }
}
