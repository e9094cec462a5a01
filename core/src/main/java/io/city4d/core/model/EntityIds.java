package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Entity ids, types and relationship objects must be absolute URIs (NGSI-LD clause 4.4). Names are at most
 * {@link #MAX_BYTES} bytes of UTF-8, so that the index entries they are part of fit every store (PostgreSQL's B-tree
 * entries hold at most 2,704 bytes: a tenant, an entity id and an attribute name together must fit).
 */
public final class EntityIds {
    public static final int MAX_BYTES = 1024;

    private EntityIds() {}

    public static boolean isUri(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_BYTES || utf8Length(s) > MAX_BYTES || StrictNodes.unpairedSurrogate(s) >= 0) return false;
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

    /** The length of the text in UTF-8, counting each surrogate pair as the four bytes of its character. */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    static String abbreviate(String s) {
        if (s == null) return "null";
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
