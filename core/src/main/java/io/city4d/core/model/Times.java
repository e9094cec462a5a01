package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** ISO 8601 date-times as NGSI-LD uses them (UTC, "Z" or an offset). */
public final class Times {
    private Times() {}

    public static Instant parse(String text, String what) {
        if (text == null || text.isBlank()) throw ProblemException.badData(what + " is missing");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw ProblemException.badData(what + " is not an ISO 8601 date-time: " + EntityIds.abbreviate(text));
            }
        }
    }

    public static String format(Instant instant) {
        return instant.toString();
    }
}
