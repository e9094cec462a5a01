package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.city4d.core.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The scope member of an entity (NGSI-LD clause 4.18): scope paths such as {@code /Madrid/Gardens}, each level a letter
 * followed by letters, digits or underscores. The paths are kept in their given order, without repeats.
 */
public final class Scopes {
    /** The entity member that holds them. */
    public static final String MEMBER = "scope";
    /** The longest path: every path fits whole in one string row of the index, so that scopeQ is decided there. */
    public static final int MAX_CHARS = 250;

    private Scopes() {}

    /** The paths of a scope member, a string or an array of strings; 400 for anything else. */
    public static List<String> read(JsonNode node) {
        List<String> paths = new ArrayList<>();
        if (node.isArray()) node.forEach(p -> paths.add(path(p)));
        else paths.add(path(node));
        return List.copyOf(new LinkedHashSet<>(paths));
    }

    /**
     * The scopes an entity fragment gives: null when it has no scope member; none when the member is the NGSI-LD Null
     * and {@code nullDeletes} (the updates that delete with it, clause 5.6.2).
     */
    public static List<String> ofFragment(JsonNode fragment, boolean nullDeletes) {
        JsonNode scope = fragment.get(MEMBER);
        if (scope == null) return null;
        return nullDeletes && NgsiNull.deletes(scope) ? List.of() : read(scope);
    }

    /** One string for one path, else an array: as clause 4.18 shows them. */
    public static JsonNode write(List<String> paths) {
        if (paths.size() == 1) return Json.NODES.textNode(paths.get(0));
        ArrayNode out = Json.NODES.arrayNode();
        paths.forEach(out::add);
        return out;
    }

    /** The paths of both, those of {@code current} first. */
    public static List<String> union(List<String> current, List<String> added) {
        LinkedHashSet<String> all = new LinkedHashSet<>(current);
        all.addAll(added);
        return List.copyOf(all);
    }

    private static String path(JsonNode node) {
        if (!node.isTextual()) throw ProblemException.badData("a scope must be a string or an array of strings (clause 4.18)");
        String path = node.asText();
        if (!isPath(path)) {
            throw ProblemException.badData("a scope is /Level/Level..., each level a letter followed by letters, digits or _ (clause 4.18), of at most "
                    + MAX_CHARS + " characters: " + EntityIds.abbreviate(path));
        }
        return path;
    }

    /** True when the text is a scope path of clause 4.18. */
    public static boolean isPath(String path) {
        if (path.length() < 2 || path.length() > MAX_CHARS || path.charAt(0) != '/') return false;
        for (String level : path.substring(1).split("/", -1)) if (!isLevel(level)) return false;
        return true;
    }

    private static boolean isLevel(String level) {
        if (level.isEmpty() || !Character.isLetter(level.codePointAt(0))) return false;
        return level.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }
}
