package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity of the twin: a URI id, one or more types and named attributes. Type and attribute names are
 * expanded IRIs; JSON-LD compaction happens at the API edge. Each name holds one or more instances of the attribute
 * (NGSI-LD clause 4.5.5), told apart by their datasetId: at most one per datasetId, and at most one without (the
 * default instance). Its scopes (clause 4.18) are the paths of its scope member, none when it has none.
 */
public record Entity(String id, List<String> types, Map<String, List<Attribute>> attributes, List<String> scopes, Instant createdAt, Instant modifiedAt) {

    public Entity(String id, List<String> types, Map<String, List<Attribute>> attributes, Instant createdAt, Instant modifiedAt) {
        this(id, types, attributes, List.of(), createdAt, modifiedAt);
    }

    public Entity {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        EntityIds.requireUri(id, "entity id");
        if (types == null || types.isEmpty()) throw ProblemException.badData("entity " + id + " has no type");
        types = List.copyOf(types);
        LinkedHashMap<String, List<Attribute>> copy = new LinkedHashMap<>();
        if (attributes != null) attributes.forEach((name, instances) -> {
            if (!instances.isEmpty()) copy.put(name, Instances.checked(name, instances));
        });
        attributes = Collections.unmodifiableMap(copy);
    }

    /** An entity whose attributes have one instance each. */
    public static Entity of(String id, List<String> types, Map<String, ? extends Attribute> attributes, Instant createdAt, Instant modifiedAt) {
        return new Entity(id, types, Instances.single(attributes), createdAt, modifiedAt);
    }

    public String type() { return types.get(0); }

    public boolean hasType(String type) { return types.contains(type); }

    /** The instances of the attribute of that name, none when the entity has no such attribute. */
    public List<Attribute> instances(String name) {
        return attributes.getOrDefault(name, List.of());
    }

    /** The default instance of the attribute of that name, else its first instance, else null. */
    public Attribute attribute(String name) {
        List<Attribute> instances = attributes.get(name);
        return instances == null ? null : Instances.preferred(instances);
    }

    /** The instance of the attribute with that datasetId (null: the default instance), or null. */
    public Attribute instance(String name, String datasetId) {
        return Instances.find(instances(name), datasetId);
    }

    public Entity withAttributes(Map<String, List<Attribute>> newAttributes, Instant modified) {
        return new Entity(id, types, newAttributes, scopes, createdAt, modified);
    }

    /**
     * The entity with only the attribute instances of these datasetIds, "@none" naming the default instances (the
     * datasetId query parameter, clause 4.5.5); attributes left without instances are left out.
     */
    public Entity withInstancesOf(java.util.Set<String> datasetIds) {
        LinkedHashMap<String, List<Attribute>> kept = new LinkedHashMap<>();
        attributes.forEach((name, instances) -> {
            List<Attribute> of = instances.stream().filter(i -> datasetIds.contains(i.datasetId() == null ? "@none" : i.datasetId())).toList();
            if (!of.isEmpty()) kept.put(name, of);
        });
        return new Entity(id, types, kept, scopes, createdAt, modifiedAt);
    }

    public Entity withTypes(List<String> newTypes) {
        return new Entity(id, newTypes, attributes, scopes, createdAt, modifiedAt);
    }

    public Entity withScopes(List<String> newScopes, Instant modified) {
        return new Entity(id, types, attributes, newScopes, createdAt, modified);
    }

    /** A copy of the attribute map that the caller may change (the instance lists are not copied). */
    public LinkedHashMap<String, List<Attribute>> mutableAttributes() {
        return new LinkedHashMap<>(attributes);
    }
}
