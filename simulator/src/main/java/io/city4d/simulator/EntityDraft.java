package io.city4d.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.model.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** Collects the attributes of one entity under their short names and builds it with expanded names. */
final class EntityDraft {
    private final String id;
    private final String type;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    EntityDraft(String id, String type) {
        this.id = id;
        this.type = type;
    }

    String id() { return id; }

    EntityDraft text(String name, String value) {
        return value(name, Json.NODES.textNode(value), null);
    }

    EntityDraft texts(String name, String... values) {
        ArrayNode array = Json.NODES.arrayNode();
        for (String v : values) array.add(v);
        return value(name, array, null);
    }

    EntityDraft integer(String name, long value) {
        return value(name, Json.NODES.numberNode(value), null);
    }

    EntityDraft quantity(String name, double value, String unitCode) {
        return value(name, Json.NODES.numberNode(value), unitCode);
    }

    EntityDraft value(String name, JsonNode value, String unitCode) {
        return put(name, new Property(value, unitCode, null, null, Map.of(), null, null));
    }

    EntityDraft location(Geometry local) {
        return put("location", GeoJsonNodes.property(local));
    }

    EntityDraft relationship(String name, String object) {
        return put(name, new Relationship(object, null, null, Map.of(), null, null));
    }

    Entity build() {
        return Entity.of(id, List.of(Vocabulary.expandDefault(type)), attributes, null, null);
    }

    private EntityDraft put(String name, Attribute attribute) {
        attributes.put(Vocabulary.expandDefault(name), attribute);
        return this;
    }
}
