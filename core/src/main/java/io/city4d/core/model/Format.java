package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;

/** The NGSI-LD representations of an entity. */
public enum Format {
    NORMALIZED, CONCISE, KEY_VALUES;

    /** Reads the {@code options} or {@code format} request parameter values. */
    public static Format fromOptions(String format, java.util.Collection<String> options) {
        if (format != null) {
            return switch (format) {
                case "normalized" -> NORMALIZED;
                case "concise" -> CONCISE;
                case "keyValues", "simplified" -> KEY_VALUES;
                default -> throw ProblemException.invalid("unknown format: " + format);
            };
        }
        if (options.contains("keyValues") || options.contains("simplified")) return KEY_VALUES;
        if (options.contains("concise")) return CONCISE;
        return NORMALIZED;
    }
}
