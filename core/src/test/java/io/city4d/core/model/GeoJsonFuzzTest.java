package io.city4d.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.core.testing.Refusals;

/** GeoJSON geometries, from any text: a valid geometry, or a 400. Corpus: GeoJsonFuzzTestInputs/geoJson. */
class GeoJsonFuzzTest {

    @FuzzTest
    void geoJson(byte[] input) {
        parsesValidOrRefuses(new String(input, UTF_8));
    }

    static void parsesValidOrRefuses(String geoJson) {
        Refusals.returnsOrRefuses(() -> assertThat(GeoJson.parse(geoJson).isValid()).as(geoJson).isTrue());
    }
}
