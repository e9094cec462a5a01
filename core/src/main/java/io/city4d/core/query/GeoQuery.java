package io.city4d.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoJson;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * An NGSI-LD geo-query (clause 4.10): a relation, a reference geometry and the geo-property it applies to.
 * Distances are metres on the WGS 84 sphere.
 */
public record GeoQuery(Relation relation, Double maxDistance, Double minDistance, Geometry geometry, String geoProperty) {
    public static final String DEFAULT_PROPERTY = "https://uri.etsi.org/ngsi-ld/location";
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    public enum Relation { NEAR, WITHIN, CONTAINS, INTERSECTS, DISJOINT, EQUALS, OVERLAPS }

    /** Parses the georel, geometry and coordinates request parameters. */
    public static GeoQuery parse(String georel, String geometry, String coordinates, String geoProperty) {
        if (georel == null || geometry == null || coordinates == null) {
            throw ProblemException.badData("a geo-query needs georel, geometry and coordinates together");
        }
        Geometry g;
        try {
            JsonNode coords = Json.MAPPER.readTree(coordinates);
            ObjectNode geo = Json.NODES.objectNode().put("type", geometry);
            geo.set("coordinates", coords);
            g = GeoJson.parse(geo);
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw ProblemException.badData("geo-query coordinates are not a JSON array");
        }
        return parse(georel, g, geoProperty);
    }

    public static GeoQuery parse(String georel, Geometry geometry, String geoProperty) {
        String[] parts = georel.split(";", -1);
        Relation relation = switch (parts[0]) {
            case "near" -> Relation.NEAR;
            case "within" -> Relation.WITHIN;
            case "contains" -> Relation.CONTAINS;
            case "intersects" -> Relation.INTERSECTS;
            case "disjoint" -> Relation.DISJOINT;
            case "equals" -> Relation.EQUALS;
            case "overlaps" -> Relation.OVERLAPS;
            default -> throw ProblemException.badData("unknown georel: " + parts[0]);
        };
        Double max = null;
        Double min = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("==", 2);
            if (kv.length != 2) throw ProblemException.badData("georel modifier must be name==value: " + parts[i]);
            double d;
            try {
                d = Double.parseDouble(kv[1]);
            } catch (NumberFormatException e) {
                throw ProblemException.badData("georel distance is not a number: " + kv[1]);
            }
            if (!Double.isFinite(d) || d <= 0) throw ProblemException.badData("georel distance must be a positive number of metres (clause 4.10): " + kv[1]);
            if (max != null || min != null) throw ProblemException.badData("georel near takes one distance, maxDistance or minDistance (clause 4.10): " + georel);
            switch (kv[0]) {
                case "maxDistance" -> max = d;
                case "minDistance" -> min = d;
                default -> throw ProblemException.badData("unknown georel modifier: " + kv[0]);
            }
        }
        if (relation == Relation.NEAR && max == null && min == null) {
            throw ProblemException.badData("georel near needs maxDistance or minDistance");
        }
        if (relation != Relation.NEAR && (max != null || min != null)) {
            throw ProblemException.badData("distances apply only to georel near");
        }
        return new GeoQuery(relation, max, min, geometry, geoProperty == null ? DEFAULT_PROPERTY : geoProperty);
    }

    public GeoQuery withGeoProperty(String name) {
        return new GeoQuery(relation, maxDistance, minDistance, geometry, name);
    }

    /**
     * A box in degrees that holds every geometry that can match, for an index to prefilter by; null when the relation
     * cannot be bounded (disjoint, near with only a minimum distance).
     */
    public Envelope searchBox() {
        Envelope box = new Envelope(geometry.getEnvelopeInternal());
        return switch (relation) {
            case DISJOINT -> null;
            case NEAR -> {
                if (maxDistance == null) yield null;
                double dLat = Math.toDegrees(maxDistance / EARTH_RADIUS_M);
                double maxAbsLat = Math.min(89.9, Math.max(Math.abs(box.getMinY()), Math.abs(box.getMaxY())) + dLat);
                double dLon = dLat / Math.cos(Math.toRadians(maxAbsLat));
                box.expandBy(Math.min(dLon, 360), dLat);
                yield box;
            }
            default -> box;
        };
    }

    public Predicate<Entity> matcher() {
        return entity -> {
            for (Attribute attribute : entity.instances(geoProperty)) {
                if (attribute instanceof GeoProperty g && matches(g.geometry())) return true;
            }
            return false;
        };
    }

    public boolean matches(Geometry candidate) {
        return switch (relation) {
            case NEAR -> {
                double d = distanceMetres(candidate, geometry);
                yield (maxDistance == null || d <= maxDistance) && (minDistance == null || d >= minDistance);
            }
            case WITHIN -> candidate.within(geometry);
            case CONTAINS -> candidate.contains(geometry);
            case INTERSECTS -> candidate.intersects(geometry);
            case DISJOINT -> candidate.disjoint(geometry);
            case EQUALS -> candidate.equalsTopo(geometry);
            case OVERLAPS -> candidate.overlaps(geometry);
        };
    }

    /**
     * Great-circle distance between the closest points of two geometries (zero when they touch). The closest points
     * are found in metres, not degrees: with longitudes scaled by the cosine of the latitude of {@code b}, as an
     * equirectangular map around it does; otherwise a degree of longitude would weigh as much as one of latitude,
     * which is wrong by a factor of 11 at latitude 85.
     */
    public static double distanceMetres(Geometry a, Geometry b) {
        if (a instanceof Point p && b instanceof Point q) return haversine(p.getCoordinate(), q.getCoordinate());
        if (a.intersects(b)) return 0;
        Envelope around = b.getEnvelopeInternal();
        double k = Math.cos(Math.toRadians(Math.min(89, Math.abs((around.getMinY() + around.getMaxY()) / 2))));
        AffineTransformation toMetres = AffineTransformation.scaleInstance(k, 1);
        Coordinate[] nearest = DistanceOp.nearestPoints(toMetres.transform(a), toMetres.transform(b));
        return haversine(new Coordinate(nearest[0].x / k, nearest[0].y), new Coordinate(nearest[1].x / k, nearest[1].y));
    }

    public static double haversine(Coordinate p, Coordinate q) {
        double lat1 = Math.toRadians(p.y);
        double lat2 = Math.toRadians(q.y);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(q.x - p.x);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
