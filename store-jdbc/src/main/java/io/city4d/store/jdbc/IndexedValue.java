package io.city4d.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.query.QMatcher;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of attr_index: a comparable element of an attribute's value, encoded so that SQL comparisons give the
 * same answers as {@link QMatcher}. The value is what {@link QMatcher#resolve} finds on a plain path, and each
 * element of an array is a row of its own. An attribute whose value has no elements still gets one OTHER row, so
 * that every present attribute has at least one row.
 */
record IndexedValue(int kind, Double number, String string, Long time) {
    static final int NUMBER = 1;
    static final int BOOLEAN = 2;
    static final int STRING = 3;
    static final int OTHER = 4;

    static final IndexedValue OTHER_VALUE = new IndexedValue(OTHER, null, null, null);

    static Set<IndexedValue> of(Attribute attribute) {
        return of(List.of(attribute));
    }

    /** The rows of an attribute's instances together: q matches an attribute when any of its instances matches. */
    static Set<IndexedValue> of(List<Attribute> instances) {
        Set<IndexedValue> rows = new LinkedHashSet<>();
        if (instances.isEmpty()) return rows;
        for (Attribute instance : instances) {
            JsonNode value = indexedJson(instance);
            if (value.isArray()) {
                for (JsonNode element : value) rows.add(element(element));
            } else {
                rows.add(element(value));
            }
        }
        if (rows.isEmpty()) rows.add(OTHER_VALUE);
        return rows;
    }

    /** The JSON that q compares on a plain path, as {@link QMatcher#resolve} finds it. */
    static JsonNode indexedJson(Attribute attribute) {
        return switch (attribute) {
            case Property p -> p.value();
            case GeoProperty g -> g.geoJson();
            case Relationship r -> Json.NODES.textNode(r.object());
        };
    }

    private static IndexedValue element(JsonNode node) {
        if (node.isNumber()) return new IndexedValue(NUMBER, number(node.doubleValue()), null, null);
        if (node.isBoolean()) return new IndexedValue(BOOLEAN, node.booleanValue() ? 1.0 : 0.0, null, null);
        if (node.isTextual()) return new IndexedValue(STRING, null, string(node.asText()), time(node.asText()));
        return OTHER_VALUE;
    }

    /**
     * A double whose SQL order is that of {@link Double#compare}: SQL holds -0.0 equal to 0.0, Java puts it below,
     * so -0.0 is stored as the largest negative double instead.
     */
    static double number(double value) {
        return value == 0 && Double.doubleToRawLongBits(value) != 0 ? -Double.MIN_VALUE : value;
    }

    /**
     * How much of a string its row holds: PostgreSQL's B-tree entries hold at most 2,704 bytes, which a row's tenant,
     * attribute name and string share. A longer string's row holds its first characters; q compares whole strings only
     * with literals shorter than that (see {@link #indexedWhole}), and leaves longer ones to QMatcher.
     */
    static final int INDEXED_CHARS = 256;

    /**
     * A string as its row holds it: encoded so that its byte order (SQLite BINARY, PostgreSQL COLLATE "C") is the order of
     * its characters, and so that PostgreSQL accepts it (NUL becomes \u0001\u0001 and \u0001 becomes \u0001\u0002, a
     * prefix-free and order-keeping code), then cut to {@link #INDEXED_CHARS}, or one less where that would split a
     * surrogate pair.
     */
    static String string(String value) {
        String encoded = encoded(value);
        if (encoded.length() <= INDEXED_CHARS) return encoded;
        int end = Character.isHighSurrogate(encoded.charAt(INDEXED_CHARS - 1)) ? INDEXED_CHARS - 1 : INDEXED_CHARS;
        return encoded.substring(0, end);
    }

    /**
     * True when comparing the literal with rows as they are held gives the answer for the whole strings: a row cut short
     * holds at least {@code INDEXED_CHARS - 1} characters, so a shorter literal is decided before the cut.
     */
    static boolean indexedWhole(String literal) {
        return encoded(literal).length() < INDEXED_CHARS - 1;
    }

    private static String encoded(String value) {
        if (value.indexOf('\u0000') < 0 && value.indexOf('\u0001') < 0) return value;
        StringBuilder out = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') out.append("\u0001\u0001");
            else if (c == '\u0001') out.append("\u0001\u0002");
            else out.append(c);
        }
        return out.toString();
    }

    /**
     * True when comparing {@code literal} with stored strings by bytes orders them as {@link String#compareTo} does.
     * UTF-16 and code-point order disagree only between surrogates and characters from U+E000 up; a literal without
     * either decides every comparison before they could meet.
     */
    static boolean comparesLikeJava(String literal) {
        for (int i = 0; i < literal.length(); i++) if (literal.charAt(i) >= '\uD800') return false;
        return true;
    }

    /** The string's instant in nanoseconds since the epoch when it is one ({@link Instant#parse}, as QMatcher does). */
    static Long time(String text) {
        if (text.length() < 16 || text.indexOf('T') < 0) return null;
        try {
            return nanos(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Nanoseconds since the epoch, held at the ends of the long range (years 1677 and 2262) beyond them. */
    static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** True when {@link #nanos} of the instant is exact, so that SQL compares it as Java would. */
    static boolean nanosExact(Instant instant) {
        long n = nanos(instant);
        return n != Long.MIN_VALUE && n != Long.MAX_VALUE;
    }
}
