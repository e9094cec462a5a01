package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** ISO 8601 date-times as NGSI-LD uses them (UTC, "Z" or an offset). */
public final class Times {
    private Times() {}

    /** The earliest and latest instants accepted: ISO 8601 years of four digits, which every store can hold. */
    public static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static Instant parse(String text, String what) {
        if (text == null || text.isBlank()) throw ProblemException.badData(what + " is missing");
        Instant instant = canonical(text);
        if (instant == null) instant = anyIso8601(text, what);
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) throw ProblemException.badData(what + " must be between the years 0000 and 9999");
        return instant;
    }

    private static Instant anyIso8601(String text, String what) {
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

    /**
     * The instant of {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, the form {@link #format} writes and most clients send, or
     * null for any other text, which the general parser then reads. Stored entities carry several of these per
     * attribute, and reading them with {@link Instant#parse} took a sixth of a query's time.
     */
    static Instant canonical(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || n == 21 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') return null;
        int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
        int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59 || second > 59) return null;
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.') return null;
            int fraction = digits(t, 20, n - 21);
            if (fraction < 0) return null;
            nanos = fraction * POWERS_OF_TEN[9 - (n - 21)];
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    /** The value of {@code count} ASCII digits from {@code from}, or -1 if any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            value = value * 10 + d;
        }
        return value;
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
