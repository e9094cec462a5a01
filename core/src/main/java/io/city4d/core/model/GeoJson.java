package io.city4d.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.problem.ProblemException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * GeoJSON geometries (RFC 7946) read straight from the JSON tree into JTS, with validation of WGS 84 coordinates.
 * JTS's own GeoJsonReader would need the tree printed and parsed again by another JSON library, which cost more
 * than the rest of reading an entity.
 */
public final class GeoJson {
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Set<String> TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");
    private static final int MAX_COLLECTION_DEPTH = 8;

    private GeoJson() {}

    public static boolean looksLikeGeometry(JsonNode node) {
        return node != null && node.isObject() && node.path("type").isTextual() && TYPES.contains(node.get("type").asText())
                && (node.has("coordinates") || node.has("geometries"));
    }

    public static Geometry parse(JsonNode node) {
        if (!looksLikeGeometry(node)) throw ProblemException.badData("not a GeoJSON geometry: " + EntityIds.abbreviate(String.valueOf(node)));
        Geometry g;
        try {
            g = geometry(node, 0);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badData("invalid GeoJSON geometry: " + e.getMessage());
        }
        if (g.isEmpty()) throw ProblemException.badData("invalid GeoJSON geometry: it is empty");
        for (var c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
                throw ProblemException.badData("invalid GeoJSON geometry: coordinate out of range [" + c.x + ", " + c.y + "]");
            }
        }
        if (g.isValid()) return g;
        // RFC 7946 does not forbid a ring that crosses itself; the value is kept as given, and queries and indexes
        // use its repaired form (a bow-tie becomes two triangles), on which spatial predicates are defined.
        Geometry fixed = GeometryFixer.fix(g);
        if (fixed.isEmpty()) throw ProblemException.badData("invalid GeoJSON geometry: " + g.getGeometryType() + " covers no area or line once repaired");
        return fixed;
    }

    public static Geometry parse(String geoJson) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(geoJson);
        } catch (JsonProcessingException e) {
            throw ProblemException.badData("invalid GeoJSON geometry: not JSON");
        }
        return parse(node);
    }

    /** The geometry of a GeoJSON object; JTS constructors throw IllegalArgumentException on malformed shapes. */
    private static Geometry geometry(JsonNode node, int depth) {
        String type = node.path("type").asText("");
        if (type.equals("GeometryCollection")) {
            if (depth >= MAX_COLLECTION_DEPTH) throw new IllegalArgumentException("geometry collections nest too deeply");
            JsonNode members = array(node.get("geometries"), "geometries");
            return FACTORY.createGeometryCollection(each(members, Geometry[]::new, member -> {
                if (!member.isObject()) throw new IllegalArgumentException("a member of geometries is not an object");
                return geometry(member, depth + 1);
            }));
        }
        JsonNode coordinates = array(node.get("coordinates"), "coordinates");
        return switch (type) {
            case "Point" -> FACTORY.createPoint(position(coordinates));
            case "MultiPoint" -> FACTORY.createMultiPointFromCoords(positions(coordinates));
            case "LineString" -> FACTORY.createLineString(positions(coordinates));
            case "MultiLineString" -> FACTORY.createMultiLineString(each(coordinates, LineString[]::new, line -> FACTORY.createLineString(positions(line))));
            case "Polygon" -> polygon(coordinates);
            case "MultiPolygon" -> FACTORY.createMultiPolygon(each(coordinates, Polygon[]::new, GeoJson::polygon));
            default -> throw new IllegalArgumentException("unknown geometry type " + type);
        };
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing[] all = each(array(rings, "polygon"), LinearRing[]::new, ring -> FACTORY.createLinearRing(positions(ring)));
        if (all.length == 0) return FACTORY.createPolygon();
        LinearRing[] holes = new LinearRing[all.length - 1];
        System.arraycopy(all, 1, holes, 0, holes.length);
        return FACTORY.createPolygon(all[0], holes);
    }

    private static Coordinate[] positions(JsonNode list) {
        return each(array(list, "positions"), Coordinate[]::new, GeoJson::position);
    }

    /** A position: longitude, latitude and an optional altitude (RFC 7946 advises against more, and so do we). */
    private static Coordinate position(JsonNode position) {
        if (!position.isArray() || position.size() < 2 || position.size() > 3) {
            throw new IllegalArgumentException("a position has two or three numbers, not " + EntityIds.abbreviate(position.toString()));
        }
        for (JsonNode n : position) if (!n.isNumber()) throw new IllegalArgumentException("a position holds numbers only");
        double x = position.get(0).doubleValue();
        double y = position.get(1).doubleValue();
        return position.size() > 2 ? new Coordinate(x, y, position.get(2).doubleValue()) : new Coordinate(x, y);
    }

    private static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) throw new IllegalArgumentException(what + " must be an array");
        return node;
    }

    private static <T> T[] each(JsonNode array, IntFunction<T[]> newArray, Function<JsonNode, T> convert) {
        T[] out = newArray.apply(array.size());
        for (int i = 0; i < out.length; i++) out[i] = convert.apply(array.get(i));
        return out;
    }
}
