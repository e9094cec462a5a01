package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class TimesTest {

    /** Formatting remembers recent instants; whatever it remembers, each instant gets its own text. */
    @Property(tries = 200)
    void formatsEveryInstantAsIso8601(@ForAll @Size(max = 600) List<@LongRange(min = -10_000_000_000L, max = 10_000_000_000L) Long> seconds,
                                      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        for (long s : seconds) {
            for (Instant instant : List.of(Instant.ofEpochSecond(s), Instant.ofEpochSecond(s, nanos))) {
                assertThat(Times.format(instant)).isEqualTo(instant.toString());
                assertThat(Times.format(instant)).isEqualTo(instant.toString());
            }
        }
    }

    private static final long FIRST = Times.MIN.getEpochSecond(), LAST = Times.MAX.getEpochSecond();

    /** The fast path reads what it writes, with fractions of any length, exactly as the JDK's parser does. */
    @Property(tries = 2000)
    void readsTheCanonicalFormLikeTheJdk(@ForAll("secondsInRange") long second, @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                         @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        Instant instant = Instant.ofEpochSecond(second, nanos);
        assertThat(Times.canonical(instant.toString())).isEqualTo(instant);
        String text = instant.toString().substring(0, 19) + (fractionDigits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, fractionDigits)) + "Z";
        assertThat(Times.canonical(text)).isEqualTo(Instant.parse(text));
    }

    /** Whatever one character is changed to, the fast path gives the JDK's answer or leaves the text to the JDK. */
    @Property(tries = 5000)
    void neverDisagreesWithTheJdk(@ForAll("secondsInRange") long second, @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                  @ForAll @IntRange(min = 0, max = 29) int position, @ForAll @CharRange(from = ' ', to = '~') char replacement) {
        String text = Instant.ofEpochSecond(second, nanos).toString();
        if (position < text.length()) text = text.substring(0, position) + replacement + text.substring(position + 1);
        Instant fast = Times.canonical(text);
        Instant jdk;
        try {
            jdk = Instant.parse(text);
        } catch (DateTimeParseException e) {
            jdk = null;
        }
        if (fast != null) assertThat(fast).as(text).isEqualTo(jdk);
    }

    @Property(tries = 200)
    void refusesImpossibleDates(@ForAll @IntRange(min = 1, max = 12) int month, @ForAll @IntRange(min = 29, max = 39) int day,
                                @ForAll @IntRange(min = 1999, max = 2101) int year) {
        String text = String.format("%04d-%02d-%02dT10:00:00Z", year, month, day);
        boolean real = day <= YearMonth.of(year, month).lengthOfMonth();
        assertThat(Times.canonical(text)).as(text).isEqualTo(real ? Instant.parse(text) : null);
    }

    @Provide
    Arbitrary<Long> secondsInRange() {
        return Arbitraries.longs().between(FIRST, LAST);
    }
}
