package io.city4d.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.city4d.core.model.Attribute;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.model.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entity as stored: its normalized JSON with system timestamps. {@link EntityJson#read} ignores those
 * timestamps (a client may not set them), so reading puts them back on the entity and on every attribute.
 */
final class EntityCodec {
    private EntityCodec() {}

    static String write(Entity entity) {
        return EntityJson.write(entity, Format.NORMALIZED, true, name -> true).toString();
    }

    /** The entity's stored JSON, taking each attribute's JSON as {@link #writeAttribute} already wrote it. */
    static String write(Entity entity, Map<String, String> attributeJson) {
        ObjectNode node = EntityJson.writeHeader(entity, Format.NORMALIZED, true);
        attributeJson.forEach((name, json) -> node.putRawValue(name, new RawValue(json)));
        return node.toString();
    }

    static String writeAttribute(Attribute attribute) {
        return EntityJson.writeAttribute(attribute, Format.NORMALIZED, true).toString();
    }

    static Entity read(String json) {
        JsonNode node = parse(json);
        Entity entity = EntityJson.readStored(node);
        // an entity's attributes mostly share its few timestamps, and parsing one costs more than looking it up
        Map<String, Instant> instants = new HashMap<>();
        Map<String, List<Attribute>> attributes = new LinkedHashMap<>();
        entity.attributes().forEach((name, stored) -> {
            JsonNode stamps = node.get(name);
            if (stored.size() == 1) {
                attributes.put(name, List.of(restamp(stored.get(0), stamps, instants)));
                return;
            }
            List<Attribute> instances = new ArrayList<>(stored.size());
            for (int i = 0; i < stored.size(); i++) instances.add(restamp(stored.get(i), stamps.get(i), instants));
            attributes.put(name, instances);
        });
        return new Entity(entity.id(), entity.types(), attributes, entity.scopes(), instant(node, "createdAt", instants), instant(node, "modifiedAt", instants));
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored document is not valid JSON", e);
        }
    }

    private static Attribute restamp(Attribute attribute, JsonNode node, Map<String, Instant> instants) {
        Map<String, Attribute> sub = new LinkedHashMap<>();
        attribute.subAttributes().forEach((name, s) -> sub.put(name, restamp(s, node.get(name), instants)));
        Instant created = instant(node, "createdAt", instants);
        Instant modified = instant(node, "modifiedAt", instants);
        return switch (attribute) {
            case Property p -> p.restamped(sub, created, modified);
            case GeoProperty g -> new GeoProperty(g.geoJson(), g.geometry(), g.observedAt(), g.datasetId(), sub, created, modified);
            case Relationship r -> new Relationship(r.object(), r.observedAt(), r.datasetId(), sub, created, modified);
        };
    }

    private static Instant instant(JsonNode node, String member, Map<String, Instant> instants) {
        JsonNode value = node.get(member);
        return value == null ? null : instants.computeIfAbsent(value.asText(), text -> Times.parse(text, member));
    }
}
