package io.city4d.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.query.QExpr.AttrPath;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Predicate;

/** Compiles a q expression into a predicate over entities, for subscriptions and for checks the stores cannot index. */
public final class QMatcher {
    private QMatcher() {}

    public static Predicate<Entity> compile(QExpr expr) {
        return switch (expr) {
            case QExpr.And and -> all(and.terms().stream().map(QMatcher::compile).toList());
            case QExpr.Or or -> any(or.terms().stream().map(QMatcher::compile).toList());
            case QExpr.Exists exists -> e -> (resolve(e, exists.path()) != null) != exists.negated();
            case QExpr.Compare compare -> e -> compare(resolve(e, compare.path()), compare.op(), compare.value());
            case QExpr.Match match -> {
                BoundedRegex pattern = BoundedRegex.compile(match.regex(), "the pattern in q");
                yield e -> {
                    JsonNode v = resolve(e, match.path());
                    return v != null && anyElement(v, n -> n.isTextual() && pattern.find(n.asText())) != match.negated();
                };
            }
        };
    }

    private static Predicate<Entity> all(List<Predicate<Entity>> terms) {
        return e -> {
            for (Predicate<Entity> t : terms) if (!t.test(e)) return false;
            return true;
        };
    }

    private static Predicate<Entity> any(List<Predicate<Entity>> terms) {
        return e -> {
            for (Predicate<Entity> t : terms) if (t.test(e)) return true;
            return false;
        };
    }

    /**
     * The JSON value a path points at, or null when it is absent. On an attribute of several instances it is the
     * values of all of them as one array (arrays flattened into it), so that a term matches when any instance does,
     * as the stores' attribute index (a row per element of each instance) answers it.
     */
    public static JsonNode resolve(Entity entity, AttrPath path) {
        List<Attribute> instances = entity.instances(path.attribute());
        if (instances.size() == 1) return resolve(instances.get(0), path);
        ArrayNode all = null;
        for (Attribute instance : instances) {
            JsonNode value = resolve(instance, path);
            if (value == null) continue;
            if (all == null) all = Json.NODES.arrayNode();
            if (value.isArray()) all.addAll((ArrayNode) value);
            else all.add(value);
        }
        return all;
    }

    private static JsonNode resolve(Attribute instance, AttrPath path) {
        Attribute attribute = instance;
        for (String sub : path.subAttributes()) {
            if (attribute == null) return null;
            attribute = attribute.subAttributes().get(sub);
        }
        if (attribute == null) return null;
        JsonNode value = switch (attribute) {
            case Property p -> p.value();
            case GeoProperty g -> g.geoJson();
            case Relationship r -> Json.NODES.textNode(r.object());
        };
        for (String key : path.valueKeys()) {
            value = value.get(key);
            if (value == null) return null;
        }
        return value;
    }

    static boolean compare(JsonNode actual, QExpr.Op op, QValue expected) {
        if (actual == null) return false;
        if (expected instanceof QValue.ValueList list) {
            boolean anyEqual = list.values().stream().anyMatch(v -> anyElement(actual, n -> equal(n, v)));
            return op == QExpr.Op.EQ ? anyEqual : !anyEqual;
        }
        if (expected instanceof QValue.Range range) {
            boolean inside = anyElement(actual, n -> {
                Integer lo = order(n, range.low());
                Integer hi = order(n, range.high());
                return lo != null && hi != null && lo >= 0 && hi <= 0;
            });
            return op == QExpr.Op.EQ ? inside : !inside;
        }
        if (op == QExpr.Op.NE) return !anyElement(actual, n -> equal(n, expected));
        return anyElement(actual, n -> {
            Integer c = order(n, expected);
            if (c == null) return false;
            return switch (op) {
                case EQ -> c == 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case NE -> c != 0;
            };
        });
    }

    private static boolean anyElement(JsonNode node, Predicate<JsonNode> test) {
        if (node.isArray()) {
            for (JsonNode n : node) if (test.test(n)) return true;
            return false;
        }
        return test.test(node);
    }

    /** True when the value equals the literal; values of another kind are never equal. */
    private static boolean equal(JsonNode n, QValue v) {
        Integer c = order(n, v);
        return c != null && c == 0;
    }

    /** Compares a JSON value with a literal; null when they are of kinds that do not compare. */
    static Integer order(JsonNode n, QValue v) {
        return switch (v) {
            case QValue.Num num -> n.isNumber() ? Double.compare(n.doubleValue(), num.value()) : null;
            case QValue.Str str -> n.isTextual() ? Integer.signum(n.asText().compareTo(str.value())) : null;
            case QValue.Bool b -> n.isBoolean() ? Boolean.compare(n.booleanValue(), b.value()) : null;
            case QValue.Time t -> {
                if (!n.isTextual()) yield null;
                try {
                    yield Integer.signum(Instant.parse(n.asText()).compareTo(t.value()));
                } catch (DateTimeParseException e) {
                    yield null;
                }
            }
            case QValue.ValueList l -> null;
            case QValue.Range r -> null;
        };
    }
}
