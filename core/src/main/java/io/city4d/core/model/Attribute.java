package io.city4d.core.model;

import java.time.Instant;
import java.util.Map;

/** One attribute of an entity: a property, a geo-property or a relationship. Names are expanded IRIs. */
public sealed interface Attribute permits Property, GeoProperty, Relationship {

    /** The NGSI-LD type name of this attribute kind. */
    String kind();

    Instant observedAt();

    String datasetId();

    Map<String, Attribute> subAttributes();

    Instant createdAt();

    Instant modifiedAt();

    /** The same attribute with system timestamps set. */
    Attribute stamped(Instant createdAt, Instant modifiedAt);

    /** The instant this value belongs to in history: when it was observed, else when it was written. */
    default Instant historyInstant() {
        return observedAt() != null ? observedAt() : modifiedAt();
    }
}
