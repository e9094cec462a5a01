package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A property: a JSON value with optional unit, observation time and dataset. */
public record Property(JsonNode value, String unitCode, Instant observedAt, String datasetId,
                       Map<String, Attribute> subAttributes, Instant createdAt, Instant modifiedAt) implements Attribute {

    public Property {
        Objects.requireNonNull(value, "value");
        subAttributes = subAttributes == null ? Map.of() : Map.copyOf(subAttributes);
    }

    public static Property of(JsonNode value, Instant observedAt) {
        return new Property(value, null, observedAt, null, Map.of(), null, null);
    }

    @Override public String kind() { return "Property"; }

    @Override public Property stamped(Instant created, Instant modified) {
        return new Property(value, unitCode, observedAt, datasetId, subAttributes, created, modified);
    }

    /** The value as a number, or null when it is not numeric. */
    public Double numericValue() {
        return value.isNumber() ? value.doubleValue() : null;
    }
}
