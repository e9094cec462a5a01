package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** ISO 8601 date-times as NGSI-LD uses them (UTC, "Z" or an offset). */
public final class Times {
    private Times() {}

    /** The earliest and latest instants accepted: ISO 8601 years of four digits, which every store can hold. */
    public static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static Instant parse(String text, String what) {
        if (text == null || text.isBlank()) throw ProblemException.badData(what + " is missing");
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw ProblemException.badData(what + " is not an ISO 8601 date-time: " + EntityIds.abbreviate(text));
            }
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) throw ProblemException.badData(what + " must be between the years 0000 and 9999");
        return instant;
    }

    /** The text of a recently formatted instant. */
    private record Formatted(Instant instant, String text) {}

    /**
     * Instants recently formatted, by a hash of their value. Writers format the same few instants over and over (a
     * batch shares its write time, an entity its creation time), and formatting costs far more than this lookup.
     * Slots are replaced racily, which is safe: a record is immutable once published.
     */
    private static final Formatted[] RECENT = new Formatted[256];

    public static String format(Instant instant) {
        long mixed = (instant.getEpochSecond() * 1_000_000_007L + instant.getNano()) * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed >>> 56);
        Formatted recent = RECENT[slot];
        if (recent != null && recent.instant.equals(instant)) return recent.text;
        String text = instant.toString();
        RECENT[slot] = new Formatted(instant, text);
        return text;
    }
}
