package io.city4d.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A property: a JSON value with optional unit, observation time and dataset. Its value kind tells a plain Property
 * from the JsonProperty, VocabProperty, LanguageProperty, ListProperty and ListRelationship of NGSI-LD v1.8.
 */
public record Property(JsonNode value, ValueKind valueKind, String unitCode, Instant observedAt, String datasetId,
                       Map<String, Attribute> subAttributes, Instant createdAt, Instant modifiedAt) implements Attribute {

    public Property {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(valueKind, "valueKind");
        subAttributes = subAttributes == null ? Map.of() : Map.copyOf(subAttributes);
    }

    /** A plain Property. */
    public Property(JsonNode value, String unitCode, Instant observedAt, String datasetId,
                    Map<String, Attribute> subAttributes, Instant createdAt, Instant modifiedAt) {
        this(value, ValueKind.PROPERTY, unitCode, observedAt, datasetId, subAttributes, createdAt, modifiedAt);
    }

    public static Property of(JsonNode value, Instant observedAt) {
        return new Property(value, null, observedAt, null, Map.of(), null, null);
    }

    @Override public String kind() { return valueKind.typeName(); }

    @Override public Property stamped(Instant created, Instant modified) {
        return new Property(value, valueKind, unitCode, observedAt, datasetId, subAttributes, created, modified);
    }

    /** The same property with other sub-attributes and system timestamps. */
    public Property restamped(Map<String, Attribute> sub, Instant created, Instant modified) {
        return new Property(value, valueKind, unitCode, observedAt, datasetId, sub, created, modified);
    }

    /** The value as a number, or null when it is not numeric. */
    public Double numericValue() {
        return valueKind == ValueKind.PROPERTY && value.isNumber() ? value.doubleValue() : null;
    }
}
