package io.city4d.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.core.testing.Refusals;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Date-times, from any text: an instant in the years 0000 to 9999, or 400 BadRequestData; the fast path for the
 * canonical form never disagrees with the JDK's parser. Corpus: TimesFuzzTestInputs/dateTime.
 */
class TimesFuzzTest {

    @FuzzTest
    void dateTime(byte[] input) {
        String text = new String(input, UTF_8);
        agreesWithTheJdk(text);
        Refusals.returnsOrRefuses(() -> assertThat(Times.parse(text, "fuzzed date-time")).isBetween(Times.MIN, Times.MAX));
    }

    /** The fast path gives the JDK's answer, or leaves the text to the JDK. */
    static void agreesWithTheJdk(String text) {
        Instant fast = Times.canonical(text);
        if (fast == null) return;
        Instant jdk;
        try {
            jdk = Instant.parse(text);
        } catch (DateTimeParseException e) {
            jdk = null;
        }
        assertThat(fast).as(text).isEqualTo(jdk);
    }
}
