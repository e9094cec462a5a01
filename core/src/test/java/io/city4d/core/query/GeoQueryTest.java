package io.city4d.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.core.model.GeoJson;
import io.city4d.core.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class GeoQueryTest {
    private static final String LAKE = "[105.8522,21.0285]";

    @Test
    void nearUsesMetresOnTheSphere() {
        GeoQuery q = GeoQuery.parse("near;maxDistance==500", "Point", LAKE, null);
        assertThat(q.matches(GeoJson.parse("{\"type\":\"Point\",\"coordinates\":[105.8552,21.0285]}"))).as("about 311 m east").isTrue();
        assertThat(q.matches(GeoJson.parse("{\"type\":\"Point\",\"coordinates\":[105.8600,21.0285]}"))).as("about 810 m east").isFalse();
        assertThat(GeoQuery.haversine(new Coordinate(105.8522, 21.0285), new Coordinate(105.8522, 21.0385))).isBetween(1110.0, 1113.0);
        assertThat(q.searchBox().contains(105.8552, 21.0285)).isTrue();
    }

    @Test
    void topologicalRelations() {
        GeoQuery within = GeoQuery.parse("within", "Polygon", "[[[105.84,21.02],[105.86,21.02],[105.86,21.04],[105.84,21.04],[105.84,21.02]]]", null);
        assertThat(within.matches(GeoJson.parse("{\"type\":\"Point\",\"coordinates\":[105.85,21.03]}"))).isTrue();
        assertThat(within.matches(GeoJson.parse("{\"type\":\"Point\",\"coordinates\":[105.87,21.03]}"))).isFalse();
        GeoQuery disjoint = GeoQuery.parse("disjoint", "Point", LAKE, null);
        assertThat(disjoint.searchBox()).isNull();
    }

    @Test
    void refusesBrokenGeoQueries() {
        assertThatThrownBy(() -> GeoQuery.parse("near", "Point", LAKE, null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GeoQuery.parse("near;maxDistance==-1", "Point", LAKE, null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GeoQuery.parse("sideways", "Point", LAKE, null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GeoQuery.parse(";", "Point", LAKE, null)).as("an empty georel").isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GeoQuery.parse("within", "Point", "[1000,0]", null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GeoQuery.parse("near;maxDistance==0", "Point", LAKE, null)).as("distances are positive").isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GeoQuery.parse("near;maxDistance==5;minDistance==1", "Point", LAKE, null)).as("one distance").isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> GeoQuery.parse("within", "Point", "not json", null)).isInstanceOf(ProblemException.class);
    }

    /** Closest points are found in metres: at latitude 85 a degree of longitude is 9.7 km, one of latitude 111 km. */
    @Test
    void nearMeasuresTheClosestPointInMetresAtHighLatitudes() {
        var line = GeoJson.parse("{\"type\":\"LineString\",\"coordinates\":[[1,85],[0,85.6]]}");
        assertThat(GeoQuery.distanceMetres(line, GeoJson.parse("{\"type\":\"Point\",\"coordinates\":[0,85]}"))).isBetween(9_000.0, 10_000.0);
        assertThat(GeoQuery.parse("near;maxDistance==20000", "Point", "[0,85]", null).matches(line)).isTrue();
        assertThat(GeoQuery.parse("near;maxDistance==5000", "Point", "[0,85]", null).matches(line)).isFalse();
    }
}
