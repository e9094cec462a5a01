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
        if (invisibleCodePoint(s) >= 0) return false;
        try {
            return new URI(s).getScheme() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public static String requireUri(String s, String what) {
        if (!isUri(s)) {
            int invisible = s == null ? -1 : invisibleCodePoint(s);
            String which = invisible < 0 ? "" : String.format(" (it holds the invisible character U+%04X at index %d)", s.codePointAt(invisible), invisible);
            throw ProblemException.badData(what + " is not a valid URI" + which + ": " + abbreviate(s));
        }
        return s;
    }

    /**
     * The index of the first character that a URI may hold by RFC 3987's repertoire but that shows as nothing or as
     * a space: format and bidi controls, separators, variation selectors, noncharacters and the Hangul and Braille
     * blanks; -1 if none. An id with one renders as a different id in logs, UIs and audit trails (clause 4.5.1).
     */
    static int invisibleCodePoint(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (invisible(cp)) return i;
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean invisible(int cp) {
        switch (Character.getType(cp)) {
            case Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL -> {
                return true;
            }
            default -> { }
        }
        boolean noncharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
        boolean variationSelector = (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x180B && cp <= 0x180F);
        boolean blank = cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
        return noncharacter || variationSelector || blank;
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
