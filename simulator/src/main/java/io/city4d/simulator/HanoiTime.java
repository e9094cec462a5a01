package io.city4d.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;

/** Hanoi local time (UTC+7, no daylight saving), as the daily and yearly rhythms of the city need it. */
final class HanoiTime {
    private static final long OFFSET_SECONDS = 7 * 3600;
    private static final long DAY = 86_400;

    private HanoiTime() {}

    /** Hours since local midnight, in [0, 24). */
    static double hourOfDay(Instant at) {
        return (Math.floorMod(localSeconds(at), DAY) + at.getNano() / 1e9) / 3600;
    }

    /** Hours since the epoch, as a continuous time axis for noise. */
    static double hours(Instant at) {
        return (at.getEpochSecond() + at.getNano() / 1e9) / 3600;
    }

    static LocalDate date(Instant at) {
        return LocalDate.ofEpochDay(Math.floorDiv(localSeconds(at), DAY));
    }

    static boolean isWeekend(Instant at) {
        DayOfWeek day = date(at).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    /** A yearly cycle: 1 on {@code peakDayOfYear}, -1 half a year away. */
    static double season(Instant at, int peakDayOfYear) {
        return Math.cos(2 * Math.PI * (date(at).getDayOfYear() - peakDayOfYear) / 365.25);
    }

    private static long localSeconds(Instant at) {
        return at.getEpochSecond() + OFFSET_SECONDS;
    }
}
