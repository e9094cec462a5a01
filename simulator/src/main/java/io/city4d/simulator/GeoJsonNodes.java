package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import java.util.Arrays;
import java.util.Collections;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Writes geometries of the local frame as WGS 84 GeoJSON, rounded to 7 decimals (about a centimetre). */
final class GeoJsonNodes {
    private static final double SCALE = 1e7;

    private GeoJsonNodes() {}

    static GeoProperty property(Geometry local) {
        return GeoProperty.of(of(local));
    }

    static ObjectNode of(Geometry local) {
        ObjectNode node = Json.NODES.objectNode();
        switch (local) {
            case Point p -> node.put("type", "Point").set("coordinates", position(p.getCoordinate()));
            case LineString l -> node.put("type", "LineString").set("coordinates", positions(l.getCoordinates()));
            case Polygon p -> {
                node.put("type", "Polygon");
                ArrayNode rings = node.putArray("coordinates");
                // RFC 7946: exterior rings counterclockwise, holes clockwise
                rings.add(ring(p.getExteriorRing().getCoordinates(), true));
                for (int i = 0; i < p.getNumInteriorRing(); i++) rings.add(ring(p.getInteriorRingN(i).getCoordinates(), false));
            }
            default -> throw new IllegalArgumentException("no GeoJSON writer for " + local.getGeometryType());
        }
        return node;
    }

    private static ArrayNode ring(Coordinate[] coordinates, boolean counterClockwise) {
        if (Orientation.isCCW(coordinates) == counterClockwise) return positions(coordinates);
        Coordinate[] reversed = coordinates.clone();
        Collections.reverse(Arrays.asList(reversed));
        return positions(reversed);
    }

    private static ArrayNode positions(Coordinate[] coordinates) {
        ArrayNode array = Json.NODES.arrayNode();
        for (Coordinate c : coordinates) array.add(position(c));
        return array;
    }

    private static ArrayNode position(Coordinate local) {
        return Json.NODES.arrayNode().add(round(LocalFrame.lon(local.x))).add(round(LocalFrame.lat(local.y)));
    }

    private static double round(double degrees) {
        return Math.round(degrees * SCALE) / SCALE;
    }
}
