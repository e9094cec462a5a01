package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Relationship;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.query.GeoQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How entities are shown: format, system attributes, the members shown (attrs, pick, omit), linked entities (join),
 * compaction, and GeoJSON features.
 */
record EntityView(Format format, boolean sysAttrs, MemberFilter members, LinkedEntities links, LdContext context, String geoProperty) {

    static EntityView of(Set<String> options, String format, MemberFilter members, LinkedEntities links, LdContext context, String geoProperty) {
        if (members.linkDepth() > links.join().level()) {
            throw ProblemException.badData(links.join().joins() ? "pick or omit reach " + members.linkDepth() + " linked entities deep, past joinLevel " + links.join().level()
                    : "a linked entity projection in pick or omit needs join");
        }
        return new EntityView(Format.fromOptions(format, options), options.contains("sysAttrs"), members, links, context,
                geoProperty == null ? GeoQuery.DEFAULT_PROPERTY : context.expand(geoProperty));
    }

    /** The entity as an object; linked entities only inline. Empty when pick and omit leave no member. */
    ObjectNode render(Entity entity) {
        return render(entity, members, links.join().level(), null);
    }

    /** One entity: an object, or with a flat join that found linked entities, an array of it and them. */
    JsonNode renderOne(Entity entity) {
        ArrayNode all = renderAll(List.of(entity));
        return all.size() == 1 ? all.get(0) : all;
    }

    /** The entities in order, those that pick and omit leave empty left out, with a flat join's linked entities after them. */
    ArrayNode renderAll(List<Entity> entities) {
        Map<String, ObjectNode> flat = links.join().flat() ? new LinkedHashMap<>() : null;
        if (flat != null) entities.forEach(e -> flat.put(e.id(), null));
        ArrayNode out = Json.NODES.arrayNode();
        for (Entity e : entities) {
            ObjectNode rendered = render(e, members, links.join().level(), flat);
            if (flat != null) flat.put(e.id(), rendered);
            else if (!rendered.isEmpty()) out.add(rendered);
        }
        if (flat != null) flat.values().stream().filter(n -> n != null && !n.isEmpty()).forEach(out::add);
        return out;
    }

    private ObjectNode render(Entity entity, MemberFilter filter, int joinLevel, Map<String, ObjectNode> flat) {
        ObjectNode expanded = EntityJson.write(entity, format, sysAttrs, filter::keepsAttribute);
        filter.filterEntityMembers(expanded);
        ObjectNode out = NgsiJson.compactEntity(expanded, context);
        if (joinLevel > 0) join(entity, filter, joinLevel, flat, out);
        return out;
    }

    private void join(Entity entity, MemberFilter filter, int joinLevel, Map<String, ObjectNode> flat, ObjectNode out) {
        // a relationship of several instances joins its default one (or its first), as GeoJSON takes the default geometry
        for (String name : entity.attributes().keySet()) {
            if (!(entity.attribute(name) instanceof Relationship relationship) || !filter.keepsAttribute(name)) continue;
            if (flat != null && flat.containsKey(relationship.object())) continue;
            Entity linked = links.find(relationship.object());
            if (linked == null) continue;
            MemberFilter linkedFilter = filter.linked(name);
            if (flat != null) {
                flat.put(linked.id(), null);
                flat.put(linked.id(), render(linked, linkedFilter, joinLevel - 1, flat));
            } else {
                inline(out, context.compact(name), render(linked, linkedFilter, joinLevel - 1, null));
            }
        }
    }

    /** The linked entity goes into its relationship as {@code entity}; in keyValues it takes the relationship's place. */
    private void inline(ObjectNode out, String relationshipName, ObjectNode linked) {
        if (out.get(relationshipName) instanceof ObjectNode relationship && format != Format.KEY_VALUES) relationship.set("entity", linked);
        else out.set(relationshipName, linked);
    }

    ObjectNode feature(Entity entity) {
        ObjectNode feature = Json.NODES.objectNode().put("id", entity.id()).put("type", "Feature");
        JsonNode geometry = entity.attribute(geoProperty) instanceof GeoProperty g ? g.geoJson() : Json.NODES.nullNode();
        feature.set("geometry", geometry);
        ObjectNode properties = render(entity);
        properties.remove("id");
        feature.set("properties", properties);
        return feature;
    }

    ObjectNode featureCollection(List<Entity> entities) {
        ObjectNode fc = Json.NODES.objectNode().put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        entities.forEach(e -> features.add(feature(e)));
        return fc;
    }
}
