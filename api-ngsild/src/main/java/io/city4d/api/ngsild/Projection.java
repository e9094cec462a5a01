package io.city4d.api.ngsild;

import io.city4d.core.problem.ProblemException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The entity members that {@code pick} keeps or {@code omit} drops (NGSI-LD clause 4.21): core members (id, type,
 * scope) and attribute names, separated by ',' or '|', each optionally followed by the projection of the entities it
 * links to in braces: {@code id,locatedAt{id,name,isInCountry{name}}}.
 */
final class Projection {
    static final Set<String> CORE_MEMBERS = Set.of("id", "type", "scope");
    /** Deeper than any join a client can ask for, and shallow enough that parsing cannot exhaust the stack. */
    static final int MAX_DEPTH = JoinParams.MAX_LEVEL + 1;

    private final Map<String, Projection> members;

    private Projection(Map<String, Projection> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    /** The projection a parameter holds, names expanded by the context; null when the parameter is absent. */
    static Projection parse(String parameter, String text, LdContext context) {
        if (text == null) return null;
        return new Parser(parameter, text, context).parse();
    }

    /** Whether the member is named (with or without a projection of its linked entities). */
    boolean names(String member) {
        return members.containsKey(member);
    }

    /** Whether the member is named without braces: for omit, the member itself goes. */
    boolean namesWhole(String member) {
        return members.containsKey(member) && members.get(member) == null;
    }

    /** The projection of the entities that the member links to; null when it has none. */
    Projection linked(String member) {
        return members.get(member);
    }

    /** How many relationship hops the braces reach: 0 without braces. */
    int linkDepth() {
        return members.values().stream().filter(p -> p != null).mapToInt(p -> 1 + p.linkDepth()).max().orElse(0);
    }

    /** The first member that this projection (pick) names and the other (omit) drops whole, or null. */
    String conflictWith(Projection omit) {
        return members.keySet().stream().filter(omit::namesWhole).findFirst().orElse(null);
    }

    /** The projection in the syntax it was read from, names expanded: {@code id,ex:locatedAt{ex:name}}. */
    @Override
    public String toString() {
        return String.join(",", members(name -> name));
    }

    /** Each member as written, its names compacted with the context: {@code [id, locatedAt{name}]}. */
    java.util.List<String> members(LdContext context) {
        return members(name -> CORE_MEMBERS.contains(name) ? name : context.compact(name));
    }

    private java.util.List<String> members(java.util.function.UnaryOperator<String> naming) {
        java.util.List<String> out = new java.util.ArrayList<>();
        members.forEach((name, linked) -> out.add(naming.apply(name) + (linked == null ? "" : "{" + String.join(",", linked.members(naming)) + "}")));
        return out;
    }

    private static final class Parser {
        private final String parameter;
        private final String text;
        private final LdContext context;
        private int pos;

        Parser(String parameter, String text, LdContext context) {
            this.parameter = parameter;
            this.text = text;
            this.context = context;
        }

        Projection parse() {
            Projection projection = list(1);
            if (pos < text.length()) throw error("unexpected '" + text.charAt(pos) + "'");
            return projection;
        }

        private Projection list(int depth) {
            if (depth > MAX_DEPTH) throw error("linked entity projections nest deeper than " + MAX_DEPTH);
            Map<String, Projection> members = new LinkedHashMap<>();
            do {
                String name = name();
                Projection linked = null;
                if (pos < text.length() && text.charAt(pos) == '{') {
                    pos++;
                    linked = list(depth + 1);
                    if (pos >= text.length() || text.charAt(pos) != '}') throw error("'}' expected");
                    pos++;
                }
                members.put(CORE_MEMBERS.contains(name) ? name : context.expand(name), linked);
            } while (separator());
            return new Projection(members);
        }

        private boolean separator() {
            if (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == '|')) {
                pos++;
                return true;
            }
            return false;
        }

        private String name() {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) pos++;
            if (pos == start) throw error("a member name expected");
            return text.substring(start, pos);
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || "_-.:/#@~".indexOf(c) >= 0;
        }

        private ProblemException error(String what) {
            return ProblemException.badData("invalid " + parameter + " at position " + pos + ": " + what);
        }
    }
}
