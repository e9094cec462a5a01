package io.city4d.core.query;

import io.city4d.core.model.Entity;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Scope Query (scopeQ, NGSI-LD clause 4.19): scope patterns joined by {@code ;} (and), {@code ,} or {@code |} (or, the
 * weaker), grouped with parentheses. A pattern is a scope path whose levels may be {@code +} (any one level) and whose
 * last level may be {@code #} (the path above and all below it; {@code /#} is any scope). An entity matches a pattern
 * when one of its scopes does.
 */
public sealed interface ScopeQuery {

    /** Some of the parts match. */
    record AnyOf(List<ScopeQuery> parts) implements ScopeQuery {}

    /** Every part matches. */
    record AllOf(List<ScopeQuery> parts) implements ScopeQuery {}

    /** One pattern: its levels, "+" standing for any one, and whether "#" followed them. */
    record Pattern(List<String> levels, boolean subtree) implements ScopeQuery {
        /** The path of the levels before the first "+", empty when there is none. */
        public String literalPrefix() {
            int plus = levels.indexOf("+");
            List<String> literal = plus < 0 ? levels : levels.subList(0, plus);
            return literal.isEmpty() ? "" : "/" + String.join("/", literal);
        }

        public boolean hasWildcardLevel() {
            return levels.contains("+");
        }

        boolean matches(String scope) {
            String[] given = scope.substring(1).split("/");
            if (given.length < levels.size() || !subtree && given.length > levels.size()) return false;
            for (int i = 0; i < levels.size(); i++) if (!levels.get(i).equals("+") && !levels.get(i).equals(given[i])) return false;
            return true;
        }
    }

    /** The scopeQ parameter; 400 when it is not one. */
    static ScopeQuery parse(String text) {
        return new ScopeQueryParser(text).query();
    }

    default Predicate<Entity> matcher() {
        return entity -> matches(entity.scopes());
    }

    private boolean matches(List<String> scopes) {
        return switch (this) {
            case AnyOf any -> any.parts().stream().anyMatch(p -> p.matches(scopes));
            case AllOf all -> all.parts().stream().allMatch(p -> p.matches(scopes));
            case Pattern p -> scopes.stream().anyMatch(p::matches);
        };
    }
}
