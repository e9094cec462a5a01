package io.city4d.core.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.testing.Refusals;

/**
 * geoQ parameters, from any text: a query with a valid geometry, or 400 BadRequestData. An input holds georel,
 * geometry and coordinates on three lines, as a client sends them. Corpus: GeoQueryFuzzTestInputs/geoQ.
 */
class GeoQueryFuzzTest {

    @FuzzTest
    void geoQ(byte[] input) {
        String[] lines = new String(input, UTF_8).split("\n", 3);
        parsesValidOrRefuses(lines[0], lines.length > 1 ? lines[1] : null, lines.length > 2 ? lines[2] : null);
    }

    static void parsesValidOrRefuses(String georel, String geometry, String coordinates) {
        Refusals.returnsOrRefuses(() -> assertThat(GeoQuery.parse(georel, geometry, coordinates, null).geometry().isValid()).isTrue(),
                refusal -> assertThat(refusal.type()).isEqualTo(ProblemType.BAD_REQUEST_DATA));
    }
}
