package io.city4d.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.testing.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Our GeoJSON reader gives the geometries JTS's own reader gives, and refuses malformed ones as bad data. */
class GeoJsonTest {

    @Test
    void readsWhatJtsReads() {
        qt().withExamples(500).forAll(geometries()).checkAssert(geoJson -> {
            Geometry expected = readByJts(geoJson);
            // JTS reads degenerate shapes too (a line of two equal points); refusing those is malformedGeometriesAreBadData's part.
            if (!expected.isValid()) return;
            Geometry ours = GeoJson.parse(geoJson);
            assertThat(ours.equalsExact(expected)).as(geoJson).isTrue();
            assertThat(ours.getGeometryType()).isEqualTo(expected.getGeometryType());
            assertThat(ours.getSRID()).isEqualTo(4326);
            assertThat(ours.getCoordinates()).extracting(c -> c.getZ()).containsExactlyElementsOf(
                    List.of(expected.getCoordinates()).stream().map(c -> c.getZ()).toList());
        });
    }

    @Test
    void malformedGeometriesAreBadData() {
        qt().withExamples(1000).forAll(hostile()).checkAssert(GeoJsonFuzzTest::parsesValidOrRefuses);
    }

    @Test
    void refusesShapesThatAreNotGeometries() {
        for (String bad : List.of("{\"type\":\"LineString\",\"coordinates\":[[1,2]]}", "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}",
                "{\"type\":\"Point\",\"coordinates\":[\"1\",2]}", "{\"type\":\"Point\",\"coordinates\":[181,0]}",
                "{\"type\":\"Point\",\"coordinates\":[]}", "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[2,2],[0,0]]]}",
                "{\"type\":\"GeometryCollection\",\"geometries\":[1]}", "{\"type\":\"MultiPoint\",\"coordinates\":5}", "[1,2]")) {
            assertThatThrownBy(() -> GeoJson.parse(bad)).as(bad).isInstanceOf(ProblemException.class);
        }
    }

    /** RFC 7946 lets a ring cross itself; such a polygon is accepted and matched by its repaired form. */
    @Test
    void aRingThatCrossesItselfIsMatchedAsItsRepairedForm() {
        Geometry bowTie = GeoJson.parse("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}");
        assertThat(bowTie.isValid()).isTrue();
        assertThat(bowTie.getArea()).isEqualTo(0.5);
        assertThat(bowTie.contains(GeoJson.FACTORY.createPoint(new Coordinate(0.2, 0.5)))).isTrue();
        assertThat(bowTie.contains(GeoJson.FACTORY.createPoint(new Coordinate(0.5, 0.2)))).isFalse();
    }

    @Test
    void keepsTheAltitudeOfThreeDimensionalPositions() {
        Geometry g = GeoJson.parse("{\"type\":\"LineString\",\"coordinates\":[[105.85,21.03,12.5],[105.86,21.04,30]]}");
        assertThat(g.getCoordinates()[0].getZ()).isEqualTo(12.5);
        assertThat(g.getCoordinates()[1].getZ()).isEqualTo(30);
    }

    private static Geometry readByJts(String geoJson) {
        try {
            return new GeoJsonReader(GeoJson.FACTORY).read(geoJson);
        } catch (ParseException e) {
            throw new AssertionError("JTS cannot read a generated geometry: " + geoJson, e);
        }
    }

    static Gen<String> geometries() {
        Gen<String> point = position().map(p -> object("Point", p));
        Gen<String> multiPoint = lists().of(position()).ofSizeBetween(1, 5).map(ps -> object("MultiPoint", list(ps)));
        Gen<String> line = lineCoordinates().map(c -> object("LineString", c));
        Gen<String> multiLine = lists().of(lineCoordinates()).ofSizeBetween(1, 3).map(ls -> object("MultiLineString", list(ls)));
        Gen<String> polygon = boxRing().map(r -> object("Polygon", "[" + r + "]"));
        Gen<String> multiPolygon = boxRing().map(r -> object("MultiPolygon", "[[" + r + "]]"));
        Gen<String> simple = Generate.oneOf(point, multiPoint, line, multiLine, polygon, multiPolygon);
        Gen<String> collection = lists().of(simple).ofSizeBetween(1, 3)
                .map(gs -> "{\"type\":\"GeometryCollection\",\"geometries\":" + list(gs) + "}");
        return Generate.oneOf(simple, collection);
    }

    static Gen<String> hostile() {
        return Generate.oneOf(geometries().map(g -> g.replace("]]", "]")), geometries().map(g -> g.replace(",", ",,")),
                Texts.from("{}[]\",:0123456789.-etypcoordinatsPLMGl", 80));
    }

    /** Decimals between two bounds with {@code scale} digits after the point. */
    private static Gen<Double> decimals(double min, double max, int scale) {
        double unit = Math.pow(10, scale);
        return longs().between(Math.round(min * unit), Math.round(max * unit)).map(n -> n / unit);
    }

    private static Gen<String> position() {
        Gen<Double> lon = decimals(-180, 180, 6);
        Gen<Double> lat = decimals(-90, 90, 6);
        Gen<Double> alt = decimals(-100, 1000, 2);
        return lon.zip(lat, alt, booleans().all(), (x, y, z, threeD) ->
                threeD ? String.format(Locale.ROOT, "[%s,%s,%s]", x, y, z) : String.format(Locale.ROOT, "[%s,%s]", x, y));
    }

    /** Two to six positions, not all the same: a line whose positions are all one is moved at its end. */
    private static Gen<String> lineCoordinates() {
        return lists().of(position()).ofSizeBetween(2, 6).map(ps -> {
            if (ps.stream().distinct().count() > 1) return list(ps);
            List<String> moved = new ArrayList<>(ps);
            moved.set(ps.size() - 1, ps.getFirst().equals("[0.0,0.0]") ? "[1.0,0.0]" : "[0.0,0.0]");
            return list(moved);
        });
    }

    /** A closed, valid ring: a box around a point. */
    private static Gen<String> boxRing() {
        Gen<Double> lon = decimals(-170, 170, 4);
        Gen<Double> lat = decimals(-80, 80, 4);
        Gen<Double> size = decimals(0.001, 5, 4);
        return lon.zip(lat, size, (x, y, d) -> String.format(Locale.ROOT,
                "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]", x, y, x + d, y, x + d, y + d, x, y + d, x, y));
    }

    private static String object(String type, String coordinates) {
        return "{\"type\":\"" + type + "\",\"coordinates\":" + coordinates + "}";
    }

    private static String list(List<String> items) {
        return items.stream().collect(Collectors.joining(",", "[", "]"));
    }
}
