package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.problem.ProblemException;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/** GeoJSON geometry parsing with validation of WGS 84 coordinates. */
public final class GeoJson {
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Set<String> TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");

    private GeoJson() {}

    public static boolean looksLikeGeometry(JsonNode node) {
        return node != null && node.isObject() && node.path("type").isTextual() && TYPES.contains(node.get("type").asText())
                && (node.has("coordinates") || node.has("geometries"));
    }

    public static Geometry parse(JsonNode node) {
        if (!looksLikeGeometry(node)) throw ProblemException.badData("not a GeoJSON geometry: " + EntityIds.abbreviate(String.valueOf(node)));
        checkPositions(node);
        return parse(node.toString());
    }

    /** RFC 7946 positions hold two or three numbers; the reader would pad a short one with zeros. */
    private static void checkPositions(JsonNode geometry) {
        if (geometry.has("geometries")) {
            for (JsonNode member : geometry.get("geometries")) {
                if (!looksLikeGeometry(member)) throw ProblemException.badData("invalid GeoJSON geometry: a GeometryCollection member is not a geometry");
                checkPositions(member);
            }
            return;
        }
        checkCoordinates(geometry.get("coordinates"), 0);
    }

    private static void checkCoordinates(JsonNode coordinates, int depth) {
        if (!coordinates.isArray() || depth > 4) throw ProblemException.badData("invalid GeoJSON geometry: coordinates must be nested arrays of positions");
        if (!coordinates.isEmpty() && coordinates.get(0).isNumber()) {
            if (coordinates.size() < 2 || coordinates.size() > 3) throw ProblemException.badData("invalid GeoJSON geometry: a position has two or three numbers, not " + coordinates);
            for (JsonNode n : coordinates) if (!n.isNumber()) throw ProblemException.badData("invalid GeoJSON geometry: a position holds numbers only");
            return;
        }
        for (JsonNode inner : coordinates) checkCoordinates(inner, depth + 1);
    }

    public static Geometry parse(String geoJson) {
        Geometry g;
        try {
            g = new GeoJsonReader(FACTORY).read(geoJson);
        } catch (ParseException | RuntimeException e) {
            throw ProblemException.badData("invalid GeoJSON geometry: " + e.getMessage());
        }
        if (g.isEmpty()) throw ProblemException.badData("invalid GeoJSON geometry: it is empty");
        for (var c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                throw ProblemException.badData("invalid GeoJSON geometry: coordinate out of range [" + c.x + ", " + c.y + "]");
            }
        }
        if (!g.isValid()) throw ProblemException.badData("invalid GeoJSON geometry: " + g.getGeometryType() + " is not valid (self-intersection or unclosed ring)");
        g.setSRID(4326);
        return g;
    }
}
