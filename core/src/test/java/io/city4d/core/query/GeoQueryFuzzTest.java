package io.city4d.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile geo-query parameters are parsed or refused as BadRequestData, never anything else. */
class GeoQueryFuzzTest {

    @Property(tries = 2000)
    void anyParametersParseOrAreRefused(@ForAll("georels") String georel, @ForAll("geometries") String geometry, @ForAll("coordinates") String coordinates) {
        try {
            GeoQuery q = GeoQuery.parse(georel, geometry, coordinates, null);
            assertThat(q.geometry().isValid()).isTrue();
        } catch (ProblemException e) {
            assertThat(e.type()).isEqualTo(ProblemType.BAD_REQUEST_DATA);
        }
    }

    @Property(tries = 300)
    void nearPointsWithinTheDistanceMatch(@ForAll("lons") double lon, @ForAll("lats") double lat, @ForAll("metres") double metres) {
        GeoQuery q = GeoQuery.parse("near;maxDistance==" + metres, "Point", "[" + lon + "," + lat + "]", null);
        double north = lat + Math.toDegrees(metres * 0.99 / 6_371_008.8);
        var candidate = io.city4d.core.model.GeoJson.parse("{\"type\":\"Point\",\"coordinates\":[" + lon + "," + north + "]}");
        assertThat(q.matches(candidate)).isTrue();
        assertThat(q.searchBox().contains(candidate.getEnvelopeInternal())).isTrue();
    }

    @Provide
    Arbitrary<String> georels() {
        return Arbitraries.oneOf(Arbitraries.of("near;maxDistance==100", "near;minDistance==5", "within", "intersects", "disjoint", "contains",
                "near", "near;maxDistance==-1", "near;maxDistance==x", "within;maxDistance==3", "equals", "overlaps"),
                Arbitraries.strings().withChars("nearwithd;=01.xM").ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> geometries() {
        return Arbitraries.oneOf(Arbitraries.of("Point", "Polygon", "LineString", "MultiPoint", "Circle"), Arbitraries.strings().ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> coordinates() {
        return Arbitraries.oneOf(Arbitraries.of("[105.85,21.03]", "[[105.84,21.02],[105.86,21.04]]", "[[[105.84,21.02],[105.86,21.02],[105.86,21.04],[105.84,21.02]]]",
                "[1e999,0]", "[]", "[[[0,0],[1,1],[1,0],[0,1],[0,0]]]"), Arbitraries.strings().withChars("[],.0123456789-e").ofMaxLength(40));
    }

    @Provide
    Arbitrary<Double> lons() {
        return Arbitraries.doubles().between(-170, 170);
    }

    @Provide
    Arbitrary<Double> lats() {
        return Arbitraries.doubles().between(-80, 80);
    }

    @Provide
    Arbitrary<Double> metres() {
        return Arbitraries.doubles().between(1, 50_000);
    }
}
