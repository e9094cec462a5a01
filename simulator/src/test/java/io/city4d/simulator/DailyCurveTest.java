package io.city4d.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

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

    @Test
    void theIntegralIsTheAreaUnderTheCurve() {
        qt().withExamples(200).forAll(doubles().between(0, 24), doubles().between(0, 24)).checkAssert((a, b) -> {
            double from = Math.min(a, b);
            double to = Math.max(a, b);
            double sum = 0;
            int steps = 20_000;
            for (int i = 0; i < steps; i++) sum += CURVE.at(from + (i + 0.5) * (to - from) / steps) * (to - from) / steps;
            assertThat(CURVE.integral(from, to)).isCloseTo(sum, within(1e-3));
        });
    }
}
