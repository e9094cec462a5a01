package io.city4d.core.model;

import java.time.Instant;
import java.util.Map;

/** A relationship to another entity, named by its URI. */
public record Relationship(String object, Instant observedAt, String datasetId,
                           Map<String, Attribute> subAttributes, Instant createdAt, Instant modifiedAt) implements Attribute {

    public Relationship {
        EntityIds.requireUri(object, "relationship object");
        subAttributes = subAttributes == null ? Map.of() : Map.copyOf(subAttributes);
    }

    @Override public String kind() { return "Relationship"; }

    @Override public Relationship stamped(Instant created, Instant modified) {
        return new Relationship(object, observedAt, datasetId, subAttributes, created, modified);
    }
}
