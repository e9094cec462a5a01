package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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
}
