package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity of the twin: a URI id, one or more types and named attributes. Type and attribute names are
 * expanded IRIs; JSON-LD compaction happens at the API edge.
 */
public record Entity(String id, List<String> types, Map<String, Attribute> attributes, Instant createdAt, Instant modifiedAt) {

    public Entity {
        EntityIds.requireUri(id, "entity id");
        if (types == null || types.isEmpty()) throw ProblemException.badData("entity " + id + " has no type");
        types = List.copyOf(types);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes == null ? Map.of() : attributes));
    }

    public String type() { return types.get(0); }

    public boolean hasType(String type) { return types.contains(type); }

    public Attribute attribute(String name) { return attributes.get(name); }

    public Entity withAttributes(Map<String, Attribute> newAttributes, Instant modified) {
        return new Entity(id, types, newAttributes, createdAt, modified);
    }

    public Entity withTypes(List<String> newTypes) {
        return new Entity(id, newTypes, attributes, createdAt, modifiedAt);
    }

    /** A copy of the attribute map that the caller may change. */
    public LinkedHashMap<String, Attribute> mutableAttributes() {
        return new LinkedHashMap<>(attributes);
    }
}
