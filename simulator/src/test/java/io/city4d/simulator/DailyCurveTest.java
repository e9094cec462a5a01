package io.city4d.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class DailyCurveTest {
    private static final DailyCurve CURVE = DailyCurve.of(2, 10, 8, 40, 20, 16);

    @Test
    void interpolatesBetweenKnotsAndAcrossMidnight() {
        assertThat(CURVE.at(2)).isEqualTo(10);
        assertThat(CURVE.at(5)).isEqualTo(25);
        assertThat(CURVE.at(14)).isEqualTo(28);
        // from 16 at 20:00 to 10 at 02:00 the next day
        assertThat(CURVE.at(23)).isEqualTo(13);
        assertThat(CURVE.at(1)).isEqualTo(11);
    }

    @Property(tries = 200)
    void theIntegralIsTheAreaUnderTheCurve(@ForAll @DoubleRange(min = 0, max = 24) double a, @ForAll @DoubleRange(min = 0, max = 24) double b) {
        double from = Math.min(a, b);
        double to = Math.max(a, b);
        double sum = 0;
        int steps = 20_000;
        for (int i = 0; i < steps; i++) sum += CURVE.at(from + (i + 0.5) * (to - from) / steps) * (to - from) / steps;
        assertThat(CURVE.integral(from, to)).isCloseTo(sum, within(1e-3));
    }
}
