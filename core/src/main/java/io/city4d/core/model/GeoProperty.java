package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/** A geo-property: a GeoJSON geometry (2D or 3D), kept both as JSON and as a parsed geometry for indexing. */
public record GeoProperty(JsonNode geoJson, Geometry geometry, Instant observedAt, String datasetId,
                          Map<String, Attribute> subAttributes, Instant createdAt, Instant modifiedAt) implements Attribute {

    public GeoProperty {
        Objects.requireNonNull(geoJson, "geoJson");
        Objects.requireNonNull(geometry, "geometry");
        subAttributes = subAttributes == null ? Map.of() : Map.copyOf(subAttributes);
    }

    public static GeoProperty of(JsonNode geoJson) {
        return new GeoProperty(geoJson, GeoJson.parse(geoJson), null, null, Map.of(), null, null);
    }

    @Override public String kind() { return "GeoProperty"; }

    @Override public GeoProperty stamped(Instant created, Instant modified) {
        return new GeoProperty(geoJson, geometry, observedAt, datasetId, subAttributes, created, modified);
    }
}
