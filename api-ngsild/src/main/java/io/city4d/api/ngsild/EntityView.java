package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.query.GeoQuery;
import java.util.List;
import java.util.Set;

/** How entities are shown: format, system attributes, attribute projection, compaction, and GeoJSON features. */
record EntityView(Format format, boolean sysAttrs, Set<String> attrs, LdContext context, String geoProperty) {

    static EntityView of(Set<String> options, String format, Set<String> attrs, LdContext context, String geoProperty) {
        return new EntityView(Format.fromOptions(format, options), options.contains("sysAttrs"), attrs, context,
                geoProperty == null ? GeoQuery.DEFAULT_PROPERTY : context.expand(geoProperty));
    }

    ObjectNode render(Entity entity) {
        return NgsiJson.compactEntity(EntityJson.write(entity, format, sysAttrs, a -> attrs == null || attrs.contains(a)), context);
    }

    ArrayNode renderAll(List<Entity> entities) {
        ArrayNode out = Json.NODES.arrayNode();
        entities.forEach(e -> out.add(render(e)));
        return out;
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
