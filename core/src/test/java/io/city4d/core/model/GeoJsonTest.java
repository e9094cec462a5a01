package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.problem.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** Our GeoJSON reader gives the geometries JTS's own reader gives, and refuses malformed ones as bad data. */
class GeoJsonTest {

    @Property(tries = 500)
    void readsWhatJtsReads(@ForAll("geometries") String geoJson) throws Exception {
        Geometry expected = new GeoJsonReader(GeoJson.FACTORY).read(geoJson);
        // JTS reads degenerate shapes too (a line of two equal points); refusing those is malformedGeometriesAreBadData's part.
        Assume.that(expected.isValid());
        Geometry ours = GeoJson.parse(geoJson);
        assertThat(ours.equalsExact(expected)).as(geoJson).isTrue();
        assertThat(ours.getGeometryType()).isEqualTo(expected.getGeometryType());
        assertThat(ours.getSRID()).isEqualTo(4326);
        assertThat(ours.getCoordinates()).extracting(c -> c.getZ()).containsExactlyElementsOf(
                List.of(expected.getCoordinates()).stream().map(c -> c.getZ()).toList());
    }

    @Property(tries = 1000)
    void malformedGeometriesAreBadData(@ForAll("hostile") String geoJson) {
        try {
            assertThat(GeoJson.parse(geoJson).isValid()).isTrue();
        } catch (ProblemException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void refusesShapesThatAreNotGeometries() {
        for (String bad : List.of("{\"type\":\"LineString\",\"coordinates\":[[1,2]]}", "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}",
                "{\"type\":\"Point\",\"coordinates\":[\"1\",2]}", "{\"type\":\"Point\",\"coordinates\":[181,0]}",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}", "{\"type\":\"Point\",\"coordinates\":[]}",
                "{\"type\":\"GeometryCollection\",\"geometries\":[1]}", "{\"type\":\"MultiPoint\",\"coordinates\":5}", "[1,2]")) {
            assertThatThrownBy(() -> GeoJson.parse(bad)).as(bad).isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void keepsTheAltitudeOfThreeDimensionalPositions() {
        Geometry g = GeoJson.parse("{\"type\":\"LineString\",\"coordinates\":[[105.85,21.03,12.5],[105.86,21.04,30]]}");
        assertThat(g.getCoordinates()[0].getZ()).isEqualTo(12.5);
        assertThat(g.getCoordinates()[1].getZ()).isEqualTo(30);
    }

    @Provide
    Arbitrary<String> geometries() {
        Arbitrary<String> point = position().map(p -> object("Point", p));
        Arbitrary<String> multiPoint = position().list().ofMinSize(1).ofMaxSize(5).map(ps -> object("MultiPoint", list(ps)));
        Arbitrary<String> line = lineCoordinates().map(c -> object("LineString", c));
        Arbitrary<String> multiLine = lineCoordinates().list().ofMinSize(1).ofMaxSize(3).map(ls -> object("MultiLineString", list(ls)));
        Arbitrary<String> polygon = boxRing().map(r -> object("Polygon", "[" + r + "]"));
        Arbitrary<String> multiPolygon = boxRing().map(r -> object("MultiPolygon", "[[" + r + "]]"));
        Arbitrary<String> simple = Arbitraries.oneOf(point, multiPoint, line, multiLine, polygon, multiPolygon);
        Arbitrary<String> collection = simple.list().ofMinSize(1).ofMaxSize(3)
                .map(gs -> "{\"type\":\"GeometryCollection\",\"geometries\":" + list(gs) + "}");
        return Arbitraries.oneOf(simple, collection);
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(geometries().map(g -> g.replace("]]", "]")), geometries().map(g -> g.replace(",", ",,")),
                Arbitraries.strings().withChars("{}[]\",:0123456789.-etypcoordinatsPLMGl").ofMaxLength(80));
    }

    private static Arbitrary<String> position() {
        Arbitrary<Double> lon = Arbitraries.doubles().between(-180, 180).ofScale(6);
        Arbitrary<Double> lat = Arbitraries.doubles().between(-90, 90).ofScale(6);
        Arbitrary<Double> alt = Arbitraries.doubles().between(-100, 1000).ofScale(2);
        return Combinators.combine(lon, lat, alt, Arbitraries.of(false, true))
                .as((x, y, z, threeD) -> threeD ? String.format(Locale.ROOT, "[%s,%s,%s]", x, y, z) : String.format(Locale.ROOT, "[%s,%s]", x, y));
    }

    private static Arbitrary<String> lineCoordinates() {
        return position().list().ofMinSize(2).ofMaxSize(6).filter(ps -> ps.stream().distinct().count() > 1).map(GeoJsonTest::list);
    }

    /** A closed, valid ring: a box around a point. */
    private static Arbitrary<String> boxRing() {
        Arbitrary<Double> lon = Arbitraries.doubles().between(-170, 170).ofScale(4);
        Arbitrary<Double> lat = Arbitraries.doubles().between(-80, 80).ofScale(4);
        Arbitrary<Double> size = Arbitraries.doubles().between(0.001, 5).ofScale(4);
        return Combinators.combine(lon, lat, size).as((x, y, d) -> String.format(Locale.ROOT,
                "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]", x, y, x + d, y, x + d, y + d, x, y + d, x, y));
    }

    private static String object(String type, String coordinates) {
        return "{\"type\":\"" + type + "\",\"coordinates\":" + coordinates + "}";
    }

    private static String list(List<String> items) {
        return items.stream().collect(Collectors.joining(",", "[", "]"));
    }
}
