package io.city4d.core.query;

import io.city4d.core.model.Entity;
import io.city4d.core.model.Scopes;
import io.city4d.core.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Scope Query (scopeQ, NGSI-LD clause 4.19): a disjunction ({@code ,}) of conjunctions ({@code ;}) of scope
 * patterns. An entity matches a pattern when one of its scopes does.
 */
public record ScopeQuery(List<List<Pattern>> anyOf) {

    /** What a pattern selects below its path. */
    public enum Reach {
        /** {@code /a/b}: the path itself. */
        EXACT,
        /** {@code /a/b/+}: the paths one level below it. */
        CHILDREN,
        /** {@code /a/b/#}: the path and all below it; {@code /#}: any scope. */
        SUBTREE
    }

    /** One pattern: a scope path (empty for {@code /#}) and its reach. */
    public record Pattern(String path, Reach reach) {
        boolean matches(String scope) {
            return switch (reach) {
                case EXACT -> scope.equals(path);
                case CHILDREN -> scope.startsWith(path + "/") && scope.indexOf('/', path.length() + 1) < 0;
                case SUBTREE -> scope.equals(path) || scope.startsWith(path + "/");
            };
        }
    }

    public ScopeQuery {
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    /** The scopeQ parameter; 400 when it is not one. */
    public static ScopeQuery parse(String text) {
        List<List<Pattern>> anyOf = new ArrayList<>();
        for (String conjunction : text.split(",", -1)) {
            List<Pattern> allOf = new ArrayList<>();
            for (String pattern : conjunction.split(";", -1)) allOf.add(pattern(pattern.strip(), text));
            anyOf.add(allOf);
        }
        return new ScopeQuery(anyOf);
    }

    private static Pattern pattern(String text, String query) {
        Reach reach = text.endsWith("/#") ? Reach.SUBTREE : text.endsWith("/+") ? Reach.CHILDREN : Reach.EXACT;
        String path = reach == Reach.EXACT ? text : text.substring(0, text.length() - 2);
        if (reach == Reach.SUBTREE && path.isEmpty()) return new Pattern("", Reach.SUBTREE);
        if (!Scopes.isPath(path)) {
            throw ProblemException.badData("scopeQ is a list of scope paths, each maybe ending in /+ or /#, joined by , (or) and ; (and) (clause 4.19): " + query);
        }
        return new Pattern(path, reach);
    }

    public Predicate<Entity> matcher() {
        return entity -> anyOf.stream().anyMatch(allOf -> allOf.stream().allMatch(p -> entity.scopes().stream().anyMatch(p::matches)));
    }
}
