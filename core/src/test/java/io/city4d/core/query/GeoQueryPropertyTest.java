package io.city4d.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import io.city4d.core.model.GeoJson;
import io.city4d.core.testing.Texts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Hostile geo-query parameters are parsed or refused as BadRequestData, never anything else. */
class GeoQueryPropertyTest {

    @Test
    void anyParametersParseOrAreRefused() {
        qt().withExamples(2000).forAll(georels(), geometries(), coordinates()).checkAssert(GeoQueryFuzzTest::parsesValidOrRefuses);
    }

    @Test
    void nearPointsWithinTheDistanceMatch() {
        qt().withExamples(300).forAll(doubles().between(-170, 170), doubles().between(-80, 80), doubles().between(1, 50_000)).checkAssert((lon, lat, metres) -> {
            GeoQuery q = GeoQuery.parse("near;maxDistance==" + metres, "Point", "[" + lon + "," + lat + "]", null);
            double north = lat + Math.toDegrees(metres * 0.99 / 6_371_008.8);
            var candidate = GeoJson.parse("{\"type\":\"Point\",\"coordinates\":[" + lon + "," + north + "]}");
            assertThat(q.matches(candidate)).isTrue();
            assertThat(q.searchBox().contains(candidate.getEnvelopeInternal())).isTrue();
        });
    }

    private static Gen<String> georels() {
        return Generate.oneOf(Generate.pick(List.of("near;maxDistance==100", "near;minDistance==5", "within", "intersects", "disjoint", "contains",
                "near", "near;maxDistance==-1", "near;maxDistance==x", "within;maxDistance==3", "equals", "overlaps")),
                Texts.from("nearwithd;=01.xM", 30));
    }

    private static Gen<String> geometries() {
        return Generate.oneOf(Generate.pick(List.of("Point", "Polygon", "LineString", "MultiPoint", "Circle")), Texts.any(10));
    }

    private static Gen<String> coordinates() {
        return Generate.oneOf(Generate.pick(List.of("[105.85,21.03]", "[[105.84,21.02],[105.86,21.04]]",
                "[[[105.84,21.02],[105.86,21.02],[105.86,21.04],[105.84,21.02]]]", "[1e999,0]", "[]", "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]")),
                Texts.from("[],.0123456789-e", 40));
    }
}
