package io.city4d.core.query;

import io.city4d.core.model.Scopes;
import io.city4d.core.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Reads the grammar of clause 4.19 by recursive descent. */
final class ScopeQueryParser {
    private final String text;
    private int at;

    ScopeQueryParser(String text) {
        this.text = text;
    }

    ScopeQuery query() {
        ScopeQuery query = or();
        if (at < text.length()) throw invalid();
        return query;
    }

    private ScopeQuery or() {
        List<ScopeQuery> parts = new ArrayList<>(List.of(and()));
        while (at < text.length() && (text.charAt(at) == ',' || text.charAt(at) == '|')) {
            at++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new ScopeQuery.AnyOf(List.copyOf(parts));
    }

    private ScopeQuery and() {
        List<ScopeQuery> parts = new ArrayList<>(List.of(term()));
        while (at < text.length() && text.charAt(at) == ';') {
            at++;
            parts.add(term());
        }
        return parts.size() == 1 ? parts.get(0) : new ScopeQuery.AllOf(List.copyOf(parts));
    }

    private ScopeQuery term() {
        if (at < text.length() && text.charAt(at) == '(') {
            at++;
            ScopeQuery inner = or();
            if (at >= text.length() || text.charAt(at) != ')') throw invalid();
            at++;
            return inner;
        }
        int start = at;
        while (at < text.length() && ",|;()".indexOf(text.charAt(at)) < 0) at++;
        return pattern(text.substring(start, at));
    }

    private ScopeQuery.Pattern pattern(String path) {
        boolean subtree = path.equals("/#") || path.endsWith("/#");
        String levels = subtree ? path.substring(0, path.length() - 2) : path;
        if (subtree && levels.isEmpty()) return new ScopeQuery.Pattern(List.of(), true);
        if (!levels.startsWith("/")) throw invalid();
        List<String> names = List.of(levels.substring(1).split("/", -1));
        for (String level : names) if (!level.equals("+") && !Scopes.isPath("/" + level)) throw invalid();
        return new ScopeQuery.Pattern(names, subtree);
    }

    private ProblemException invalid() {
        return ProblemException.badData("scopeQ is scope paths whose levels may be + and whose last level may be #, joined by ; (and) "
                + "and , or | (or), grouped with parentheses (clause 4.19): " + text);
    }
}
