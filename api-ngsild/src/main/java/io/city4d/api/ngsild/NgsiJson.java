package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.GeoJson;
import io.city4d.core.model.Json;
import io.city4d.core.problem.ProblemException;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Expands and compacts the names in NGSI-LD entity JSON: entity types, attribute and sub-attribute names. */
final class NgsiJson {
    private NgsiJson() {}

    static ObjectNode expandEntity(JsonNode entity, LdContext context) {
        JsonNode types = entity.has("type") ? entity.get("type") : entity.path("@type");
        if (types.isTextual()) checkShortTypeName(types.asText());
        types.forEach(t -> checkShortTypeName(t.asText()));
        return rename(entity, context::expand, true);
    }

    /** A type given by a short name (not an IRI) starts with a letter (clause 4.6.2: name = unicodeLetter *nameChar). */
    private static void checkShortTypeName(String type) {
        if (!type.isEmpty() && type.indexOf(':') < 0 && !Character.isLetter(type.codePointAt(0))) {
            throw ProblemException.badData("an entity type name must start with a letter (clause 4.6.2): " + type);
        }
    }

    static ObjectNode compactEntity(JsonNode entity, LdContext context) {
        return rename(entity, context::compact, true);
    }

    /** An attribute fragment (PATCH and append bodies): only names are renamed. */
    static ObjectNode expandFragment(JsonNode fragment, LdContext context) {
        return rename(fragment, context::expand, false);
    }

    /** One attribute's body (PATCH and PUT of /attrs/{attr}): its members stay, its sub-attribute names are expanded. */
    static ObjectNode expandAttribute(JsonNode attribute, LdContext context) {
        ObjectNode out = renameMembers(attribute, context::expand);
        out.remove("@context"); // the body's own @context, already applied; inside an entity's attribute it is refused
        return out;
    }

    /** One attribute instance as stored (history), with its sub-attribute names compacted. */
    static ObjectNode compactAttribute(JsonNode attribute, LdContext context) {
        return renameMembers(attribute, context::compact);
    }

    private static ObjectNode rename(JsonNode node, UnaryOperator<String> names, boolean renameType) {
        ObjectNode out = Json.NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("type") || key.equals("@type")) {
                out.set(key, renameType ? renameTypes(value, names) : value);
            } else if (key.equals("@context")) {
                continue;
            } else if (EntityJson.ENTITY_MEMBERS.contains(key)) {
                out.set(key, value);
            } else {
                out.set(names.apply(key), renameAttribute(value, names));
            }
        }
        return out;
    }

    static JsonNode renameTypes(JsonNode value, UnaryOperator<String> names) {
        if (value.isTextual()) return Json.NODES.textNode(names.apply(value.asText()));
        if (value.isArray()) {
            ArrayNode out = Json.NODES.arrayNode();
            value.forEach(v -> out.add(v.isTextual() ? Json.NODES.textNode(names.apply(v.asText())) : v));
            return out;
        }
        return value;
    }

    private static JsonNode renameAttribute(JsonNode attribute, UnaryOperator<String> names) {
        if (EntityJson.isMultiInstance(attribute)) {
            ArrayNode out = Json.NODES.arrayNode();
            attribute.forEach(instance -> out.add(renameAttribute(instance, names)));
            return out;
        }
        if (attribute.isObject() && attribute.size() == 1 && attribute.get("dataset") instanceof ObjectNode dataset) {
            // keyValues of several instances (clause 4.5.4): each instance's simplified form by datasetId
            ObjectNode out = Json.NODES.objectNode();
            dataset.properties().forEach(instance -> out.set(instance.getKey(), renameAttribute(instance.getValue(), names)));
            return Json.NODES.objectNode().set("dataset", out);
        }
        if (!EntityJson.isAttributeObject(attribute) || GeoJson.looksLikeGeometry(attribute)) return attribute;
        return renameMembers(attribute, names);
    }

    private static ObjectNode renameMembers(JsonNode attribute, UnaryOperator<String> names) {
        ObjectNode out = Json.NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : attribute.properties()) {
            String key = field.getKey();
            // a VocabProperty's values are terms of the @context, as types are (clause 4.5.11)
            if (key.equals("vocab")) out.set(key, renameTypes(field.getValue(), names));
            else if (EntityJson.ATTRIBUTE_MEMBERS.contains(key)) out.set(key, field.getValue());
            else out.set(names.apply(key), renameAttribute(field.getValue(), names));
        }
        return out;
    }
}
