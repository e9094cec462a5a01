package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;

/** Entity ids, types and relationship objects must be absolute URIs (NGSI-LD clause 4.4). */
public final class EntityIds {
    private static final int MAX_LENGTH = 1024;

    private EntityIds() {}

    public static boolean isUri(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == 0x7f) {
                return false;
            }
        }
        try {
            return new URI(s).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public static String requireUri(String s, String what) {
        if (!isUri(s)) throw ProblemException.badData(what + " is not a valid URI: " + abbreviate(s));
        return s;
    }

    static String abbreviate(String s) {
        if (s == null) return "null";
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
