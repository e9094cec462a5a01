package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class TimesTest {

    /** Formatting remembers recent instants; whatever it remembers, each instant gets its own text. */
    @Test
    void formatsEveryInstantAsIso8601() {
        qt().withExamples(200).forAll(lists().of(longs().between(-10_000_000_000L, 10_000_000_000L)).ofSizeBetween(0, 600),
                longs().between(0, 999_999_999)).checkAssert((seconds, nanos) -> {
            for (long s : seconds) {
                for (Instant instant : List.of(Instant.ofEpochSecond(s), Instant.ofEpochSecond(s, nanos))) {
                    assertThat(Times.format(instant)).isEqualTo(instant.toString());
                    assertThat(Times.format(instant)).isEqualTo(instant.toString());
                }
            }
        });
    }

    private static final long FIRST = Times.MIN.getEpochSecond(), LAST = Times.MAX.getEpochSecond();

    /** The fast path reads what it writes, with fractions of any length, exactly as the JDK's parser does. */
    @Test
    void readsTheCanonicalFormLikeTheJdk() {
        qt().withExamples(2000).forAll(secondsInRange(), nanos(), integers().between(0, 9)).checkAssert((second, nanos, fractionDigits) -> {
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(Times.canonical(instant.toString())).isEqualTo(instant);
            String text = instant.toString().substring(0, 19) + (fractionDigits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, fractionDigits)) + "Z";
            assertThat(Times.canonical(text)).isEqualTo(Instant.parse(text));
        });
    }

    /** Whatever one character is changed to, the fast path gives the JDK's answer or leaves the text to the JDK. */
    @Test
    void neverDisagreesWithTheJdk() {
        qt().withExamples(5000).forAll(secondsInRange(), nanos(), integers().between(0, 29), Generate.characters(' ', '~'))
                .checkAssert((second, nanos, position, replacement) -> {
                    String text = Instant.ofEpochSecond(second, nanos).toString();
                    if (position < text.length()) text = text.substring(0, position) + replacement + text.substring(position + 1);
                    TimesFuzzTest.agreesWithTheJdk(text);
                });
    }

    @Test
    void refusesImpossibleDates() {
        qt().withExamples(200).forAll(integers().between(1, 12), integers().between(29, 39), integers().between(1999, 2101)).checkAssert((month, day, year) -> {
            String text = String.format("%04d-%02d-%02dT10:00:00Z", year, month, day);
            boolean real = day <= YearMonth.of(year, month).lengthOfMonth();
            assertThat(Times.canonical(text)).as(text).isEqualTo(real ? Instant.parse(text) : null);
        });
    }

    private static Gen<Long> secondsInRange() {
        return longs().between(FIRST, LAST);
    }

    private static Gen<Integer> nanos() {
        return integers().between(0, 999_999_999);
    }
}
